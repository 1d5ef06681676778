/**
 * Reference tables of the synthetic city 示范市 (Demo City): names, districts, roads, makes and models.
 * Everything here is invented or generic. Region codes use the province code 19, which GB/T 2260 has never
 * assigned, so a generated ID number can never be a real person's (codes 11–82 are real provinces).
 */
import type { EnergyType, UseType, VehicleType } from '@opendmv/contracts';

/** Issuing province on plates (plates need one of the 31 real abbreviations). */
export const DEMO_PLATE_PROVINCE = '京';
export const DEMO_CITY_ZH = '示范市';
export const DEMO_PROVINCE_ZH = '示范省';
/** First 4 digits of licence file numbers (档案编号): the city code. */
export const DEMO_FILE_PREFIX = '1901';

export interface DemoRegion {
  code: string;
  nameZh: string;
  /** The office that serves residents of this district (office code). */
  office: string;
  /** Relative population weight. */
  weight: number;
  /** True for the districts of the demo city itself. */
  inCity: boolean;
}

/** GB/T 2260-shaped codes of the (fictional) province 19. */
export const DEMO_REGIONS: readonly DemoRegion[] = [
  { code: '190102', nameZh: '示范市中山区', office: 'CGS', weight: 18, inCity: true },
  { code: '190103', nameZh: '示范市东湖区', office: 'BR01', weight: 16, inCity: true },
  { code: '190104', nameZh: '示范市西岭区', office: 'BR02', weight: 14, inCity: true },
  { code: '190105', nameZh: '示范市南港区', office: 'BR03', weight: 13, inCity: true },
  { code: '190106', nameZh: '示范市北辰区', office: 'CGS', weight: 10, inCity: true },
  { code: '190171', nameZh: '示范市高新区', office: 'BR01', weight: 6, inCity: true },
  { code: '190121', nameZh: '示范市临江县', office: 'BR03', weight: 5, inCity: true },
  { code: '190122', nameZh: '示范市青山县', office: 'BR02', weight: 4, inCity: true },
  { code: '190202', nameZh: '示范省临川市城东区', office: 'CGS', weight: 4, inCity: false },
  { code: '190302', nameZh: '示范省云州市鼓楼区', office: 'CGS', weight: 3, inCity: false },
  { code: '190421', nameZh: '示范省安平市长宁县', office: 'CGS', weight: 3, inCity: false },
  { code: '190502', nameZh: '示范省河阳市新华区', office: 'CGS', weight: 2, inCity: false },
  { code: '190623', nameZh: '示范省石门市平川县', office: 'CGS', weight: 2, inCity: false },
];

/**
 * Surnames with approximate shares (per mille) in the 2020 census ranking; the tail is folded into
 * smaller weights. Enough to give realistic repetition (王/李/张 ≈ 20 %).
 */
// biome-ignore format: a table reads better one row per line
export const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 71], ['李', 70], ['张', 67], ['刘', 54], ['陈', 46], ['杨', 32], ['黄', 24], ['赵', 23], ['吴', 20],
  ['周', 19], ['徐', 15], ['孙', 15], ['马', 14], ['朱', 13], ['胡', 13], ['郭', 12], ['何', 12], ['林', 11],
  ['高', 11], ['罗', 11], ['郑', 10], ['梁', 10], ['谢', 8], ['宋', 8], ['唐', 8], ['许', 7], ['韩', 7],
  ['冯', 7], ['邓', 7], ['曹', 7], ['彭', 6], ['曾', 6], ['肖', 6], ['田', 6], ['董', 5], ['袁', 5], ['潘', 5],
  ['于', 5], ['蒋', 5], ['蔡', 5], ['余', 5], ['杜', 5], ['叶', 4], ['程', 4], ['苏', 4], ['魏', 4], ['吕', 4],
  ['丁', 4], ['任', 4], ['沈', 4], ['姚', 4], ['卢', 4], ['姜', 3], ['崔', 3], ['钟', 3], ['谭', 3], ['陆', 3],
  ['汪', 3], ['范', 3], ['金', 3], ['石', 3], ['廖', 3], ['贾', 3], ['夏', 3], ['韦', 3], ['付', 3], ['方', 3],
  ['白', 3], ['邹', 3], ['孟', 3], ['熊', 2], ['秦', 2], ['邱', 2], ['江', 2], ['尹', 2], ['薛', 2], ['闫', 2],
  ['段', 2], ['雷', 2], ['侯', 2], ['龙', 2], ['史', 2], ['陶', 2], ['黎', 2], ['贺', 2], ['顾', 2], ['毛', 2],
  ['郝', 2], ['龚', 2], ['邵', 2], ['万', 2], ['钱', 2], ['严', 2], ['覃', 1], ['武', 2], ['戴', 2], ['莫', 1],
  ['孔', 1], ['向', 1], ['汤', 1], ['常', 1], ['温', 1], ['康', 1], ['施', 1], ['文', 1], ['牛', 1], ['樊', 1],
  ['葛', 1], ['邢', 1], ['安', 1], ['齐', 1], ['易', 1], ['乔', 1], ['伍', 1], ['庞', 1], ['颜', 1], ['倪', 1],
  ['庄', 1], ['聂', 1], ['章', 1], ['鲁', 1], ['岳', 1], ['翟', 1], ['殷', 1], ['詹', 1], ['申', 1], ['欧阳', 0.4],
  ['耿', 1], ['关', 1], ['兰', 1], ['焦', 1], ['俞', 1], ['左', 1], ['柳', 1], ['甘', 1], ['祝', 1], ['包', 1],
  ['司马', 0.1], ['上官', 0.1], ['诸葛', 0.05], ['慕容', 0.03],
];

/** Given names by sex and birth era: whole names popular in the era, plus characters for free combination. */
export interface GivenNameEra {
  fromYear: number;
  /** Share of one-character given names in this era. */
  singleShare: number;
  male: {
    whole: readonly string[];
    single: readonly string[];
    first: readonly string[];
    second: readonly string[];
  };
  female: {
    whole: readonly string[];
    single: readonly string[];
    first: readonly string[];
    second: readonly string[];
  };
}

// biome-ignore format: a table reads better one row per line
export const GIVEN_NAME_ERAS: readonly GivenNameEra[] = [
  {
    fromYear: 1900,
    singleShare: 0.3,
    male: {
      whole: ['建国', '建华', '国强', '国庆', '志强', '志刚', '建军', '卫东', '德明', '振华', '永胜', '文斌', '建平', '国华', '学军', '红军', '跃进', '卫国', '保国', '金山'],
      single: ['军', '勇', '强', '华', '平', '明', '刚', '斌', '林', '忠', '民', '福', '成', '兵'],
      first: ['建', '国', '志', '卫', '德', '永', '振', '文', '学', '金', '玉', '长', '宝', '广'],
      second: ['华', '民', '军', '明', '林', '成', '平', '忠', '山', '生', '富', '祥', '荣', '才'],
    },
    female: {
      whole: ['秀英', '桂英', '秀兰', '玉兰', '桂兰', '淑珍', '凤英', '玉梅', '秀珍', '丽华', '淑华', '素芬', '玉珍', '桂芳', '秀云', '凤兰', '淑英', '桂珍'],
      single: ['英', '兰', '珍', '芳', '华', '梅', '霞', '萍', '琴', '云'],
      first: ['秀', '桂', '玉', '淑', '凤', '素', '丽', '美', '春', '月'],
      second: ['英', '兰', '珍', '芳', '华', '梅', '云', '琴', '莲', '香'],
    },
  },
  {
    fromYear: 1966,
    singleShare: 0.42,
    male: {
      whole: ['晓东', '立新', '小军', '海波', '文杰', '志伟', '俊杰', '明辉', '永强', '宏伟', '家伟', '建伟', '海涛', '晓峰', '新华', '立军', '春雷', '剑锋', '红兵', '小龙'],
      single: ['伟', '勇', '军', '磊', '涛', '斌', '强', '鹏', '杰', '浩', '超', '亮', '刚', '辉', '明', '波', '峰', '健', '俊', '龙', '华', '飞'],
      first: ['晓', '海', '立', '志', '俊', '宏', '家', '建', '春', '剑', '小', '新', '振', '国'],
      second: ['东', '波', '杰', '伟', '辉', '强', '峰', '军', '龙', '涛', '明', '斌', '平', '锋'],
    },
    female: {
      whole: ['晓燕', '丽娟', '春燕', '海燕', '小红', '丽丽', '晓丽', '艳红', '秀梅', '婷婷', '雪梅', '晓静', '丽萍', '红梅', '晓红', '美玲', '淑芬', '丽君'],
      single: ['静', '丽', '敏', '燕', '艳', '娟', '霞', '芳', '娜', '丹', '玲', '萍', '红', '婷', '雪', '琳', '颖', '莉', '洁', '慧'],
      first: ['晓', '丽', '春', '海', '小', '艳', '秀', '雪', '美', '红', '亚', '玉'],
      second: ['燕', '娟', '红', '丽', '梅', '静', '萍', '玲', '霞', '芳', '琴', '敏'],
    },
  },
  {
    fromYear: 1988,
    singleShare: 0.25,
    male: {
      whole: ['浩然', '子轩', '宇航', '一鸣', '俊熙', '梓豪', '博文', '思远', '天宇', '昊天', '宇轩', '明轩', '晨阳', '嘉豪', '浩宇', '子涵', '皓轩', '俊宇', '文博', '铭泽', '嘉诚', '家豪', '子豪', '振宇'],
      single: ['浩', '宇', '杰', '鑫', '晨', '磊', '鹏', '帅', '凯', '博', '阳', '昊', '睿', '航', '哲', '涛'],
      first: ['浩', '子', '宇', '俊', '梓', '博', '思', '天', '昊', '明', '晨', '嘉', '一', '文', '泽', '铭'],
      second: ['轩', '然', '航', '鸣', '熙', '豪', '文', '远', '宇', '阳', '辰', '睿', '杰', '博', '凯', '诚'],
    },
    female: {
      whole: ['欣怡', '梓涵', '雨涵', '诗涵', '思雨', '佳怡', '梦瑶', '可欣', '紫涵', '一诺', '雨欣', '静怡', '心怡', '晓彤', '思琪', '雅婷', '佳琪', '子萱', '语桐', '梦琪', '雨萱', '欣妍'],
      single: ['婷', '雪', '琳', '颖', '倩', '洁', '慧', '欣', '悦', '晶', '妍', '璐', '瑶', '琪', '菲', '薇'],
      first: ['欣', '梓', '雨', '诗', '思', '佳', '梦', '可', '紫', '静', '心', '晓', '雅', '子', '语', '若'],
      second: ['怡', '涵', '雨', '瑶', '欣', '琪', '彤', '萱', '婷', '妍', '悦', '诺', '桐', '菲', '琳', '宁'],
    },
  },
];

/** Mobile prefixes (China Mobile / Unicom / Telecom / Broadcasting) with rough shares. */
// biome-ignore format: a table reads better one row per line
export const PHONE_PREFIXES: readonly (readonly [string, number])[] = [
  ['138', 6], ['139', 6], ['135', 5], ['136', 5], ['137', 5], ['134', 3], ['150', 4], ['151', 4], ['152', 3],
  ['157', 2], ['158', 4], ['159', 4], ['182', 3], ['183', 3], ['187', 4], ['188', 3], ['147', 1], ['178', 2],
  ['198', 2], ['130', 4], ['131', 4], ['132', 3], ['155', 3], ['156', 3], ['185', 3], ['186', 4], ['166', 2],
  ['175', 1], ['176', 2], ['133', 3], ['153', 3], ['180', 3], ['181', 3], ['189', 4], ['177', 2], ['173', 2],
  ['199', 2], ['191', 1], ['193', 1], ['192', 1],
];

// biome-ignore format: a table reads better one row per line
export const ROADS: readonly string[] = [
  '中山路', '解放大道', '人民路', '建设路', '东湖路', '新华路', '长江路', '黄河路', '光明路', '文化路', '和平路',
  '胜利路', '友谊大街', '南港大道', '西岭路', '学府路', '科技大道', '环城东路', '环城西路', '环城南路', '环城北路',
  '站前路', '朝阳路', '青年路', '民主路', '工业大道', '湖滨路', '北辰大道', '金融街', '体育路', '迎宾大道', '春华路',
  '秋实路', '临江大道', '青山路', '松林路', '翠柳街', '复兴路', '繁荣路', '前进路',
];

export const EXPRESSWAYS: readonly string[] = [
  '示范绕城高速',
  '滨江快速路',
  '东环快速路',
  '机场高速',
  '北辰快速路',
];

export const LANDMARKS: readonly string[] = [
  '人民广场',
  '示范市火车站',
  '东湖公园',
  '市第一人民医院',
  '市政府',
  '体育中心',
  '高新区管委会',
  '南港码头',
  '万达广场',
  '示范大学',
  '北辰商业中心',
  '长途汽车站',
  '市图书馆',
  '滨江公园',
];

// biome-ignore format: a table reads better one row per line
export const COMMUNITIES: readonly string[] = [
  '阳光花园', '锦绣家园', '翠湖苑', '金色港湾', '幸福里小区', '东湖名苑', '桂花园', '书香门第', '丽景湾', '新华小区',
  '建设新村', '滨江一号', '和平里', '枫林绿洲', '世纪城', '紫荆苑', '怡和园', '福星小区', '春晖苑', '长江花园',
  '学府雅居', '青山湖畔', '康乐小区', '融城华府',
];

// biome-ignore format: a table reads better one row per line
export const COLOURS: readonly (readonly [string, number])[] = [
  ['白色', 35], ['黑色', 20], ['灰色', 12], ['银色', 10], ['蓝色', 8], ['红色', 6], ['棕色', 2], ['绿色', 2],
  ['黄色', 2], ['紫色', 1], ['橙色', 1], ['金色', 1],
];

export interface ModelSpec {
  brand: string;
  model: string;
  /** World manufacturer identifier as seen on China-market VINs (illustrative). */
  wmi: string;
  energy: EnergyType;
  seats: readonly number[];
  weight: number;
}

const m = (
  brand: string,
  model: string,
  wmi: string,
  energy: EnergyType,
  seats: readonly number[],
  weight: number,
): ModelSpec => ({
  brand,
  model,
  wmi,
  energy,
  seats,
  weight,
});

/** Small passenger cars by energy. */
// biome-ignore format: a table reads better one row per line
export const CAR_MODELS: readonly ModelSpec[] = [
  m('大众', '朗逸', 'LSV', 'petrol', [5], 10),
  m('大众', '帕萨特', 'LSV', 'petrol', [5], 4),
  m('大众', '途观L', 'LSV', 'petrol', [5, 7], 4),
  m('大众', '速腾', 'LFV', 'petrol', [5], 6),
  m('大众', '迈腾', 'LFV', 'petrol', [5], 4),
  m('大众', '宝来', 'LFV', 'petrol', [5], 5),
  m('奥迪', 'A4L', 'LFV', 'petrol', [5], 3),
  m('奥迪', 'Q5L', 'LFV', 'petrol', [5], 2),
  m('丰田', '卡罗拉', 'LFM', 'petrol', [5], 7),
  m('丰田', 'RAV4荣放', 'LFM', 'petrol', [5], 3),
  m('丰田', '凯美瑞', 'LVG', 'petrol', [5], 4),
  m('丰田', '汉兰达', 'LVG', 'petrol', [7], 2),
  m('本田', '雅阁', 'LHG', 'petrol', [5], 4),
  m('本田', '飞度', 'LHG', 'petrol', [5], 2),
  m('本田', '思域', 'LVH', 'petrol', [5], 3),
  m('本田', 'CR-V', 'LVH', 'petrol', [5], 3),
  m('日产', '轩逸', 'LGB', 'petrol', [5], 8),
  m('日产', '奇骏', 'LGB', 'petrol', [5, 7], 2),
  m('别克', '英朗', 'LSG', 'petrol', [5], 5),
  m('别克', 'GL8', 'LSG', 'petrol', [7], 2),
  m('福特', '福克斯', 'LVS', 'petrol', [5], 3),
  m('哈弗', 'H6', 'LGW', 'petrol', [5], 6),
  m('长安', 'CS75 PLUS', 'LS5', 'petrol', [5], 4),
  m('长安', '逸动', 'LS5', 'petrol', [5], 4),
  m('吉利', '帝豪', 'L6T', 'petrol', [5], 5),
  m('吉利', '星越L', 'L6T', 'petrol', [5], 2),
  m('奇瑞', '瑞虎8', 'LVV', 'petrol', [5, 7], 3),
  m('宝马', '3系', 'LBV', 'petrol', [5], 3),
  m('宝马', '5系', 'LBV', 'petrol', [5], 2),
  m('奔驰', 'C级', 'LE4', 'petrol', [5], 3),
  m('奔驰', 'E级', 'LE4', 'petrol', [5], 2),
  m('现代', '伊兰特', 'LBE', 'petrol', [5], 4),
  m('丰田', '卡罗拉双擎', 'LFM', 'hybrid', [5], 3),
  m('丰田', '凯美瑞双擎', 'LVG', 'hybrid', [5], 2),
  m('本田', '雅阁锐·混动', 'LHG', 'hybrid', [5], 1),
  m('比亚迪', '海豚', 'LGX', 'bev', [5], 5),
  m('比亚迪', '汉EV', 'LGX', 'bev', [5], 3),
  m('比亚迪', '元PLUS', 'LGX', 'bev', [5], 4),
  m('特斯拉', 'Model 3', 'LRW', 'bev', [5], 4),
  m('特斯拉', 'Model Y', 'LRW', 'bev', [5], 5),
  m('大众', 'ID.4 X', 'LSV', 'bev', [5], 1),
  m('极氪', '001', 'L6T', 'bev', [5], 2),
  m('蔚来', 'ES6', 'LJ1', 'bev', [5], 2),
  m('长安', '深蓝SL03', 'LS5', 'bev', [5], 1),
  m('比亚迪', '秦PLUS DM-i', 'LGX', 'phev', [5], 8),
  m('比亚迪', '宋PLUS DM-i', 'LGX', 'phev', [5], 5),
  m('比亚迪', '唐DM-i', 'LGX', 'phev', [7], 2),
  m('吉利', '银河L7', 'L6T', 'phev', [5], 2),
  m('长安', 'UNI-K iDD', 'LS5', 'phev', [5], 1),
];

export const TAXI_MODELS: readonly ModelSpec[] = [
  m('现代', '伊兰特', 'LBE', 'petrol', [5], 3),
  m('大众', '朗逸', 'LSV', 'petrol', [5], 2),
  m('比亚迪', '秦PLUS EV', 'LGX', 'bev', [5], 5),
  m('比亚迪', 'e5', 'LGX', 'bev', [5], 2),
];

export const MICRO_MODELS: readonly ModelSpec[] = [
  m('五菱', '宏光MINIEV', 'LZW', 'bev', [4], 5),
  m('长安', '奔奔E-Star', 'LS5', 'bev', [4], 2),
  m('奇瑞', 'QQ冰淇淋', 'LVV', 'bev', [4], 1),
];

export const VAN_MODELS: readonly ModelSpec[] = [
  m('五菱', '荣光', 'LZW', 'petrol', [7, 8], 5),
  m('长安', '之星', 'LS5', 'petrol', [7], 3),
  m('金杯', '海狮', 'LSY', 'petrol', [9], 2),
];

export const LIGHT_TRUCK_MODELS: readonly ModelSpec[] = [
  m('江淮', '帅铃', 'LJ1', 'diesel', [3], 4),
  m('东风', '凯普特', 'LGA', 'diesel', [3], 3),
  m('五菱', '荣光小卡', 'LZW', 'petrol', [2], 2),
];

export const HEAVY_TRUCK_MODELS: readonly ModelSpec[] = [
  m('重汽', '豪沃T7H', 'LZZ', 'diesel', [2], 3),
  m('解放', 'J6P', 'LFW', 'diesel', [2], 3),
  m('东风', '天龙KL', 'LGA', 'diesel', [2], 2),
];

export const BUS_MODELS: readonly ModelSpec[] = [
  m('宇通', 'ZK6125HNG', 'LZY', 'diesel', [45, 49, 51], 2),
  m('宇通', 'ZK6125BEVG', 'LZY', 'bev', [35, 40], 3),
  m('比亚迪', 'K9', 'LGX', 'bev', [31, 35], 2),
];

export const MEDIUM_BUS_MODELS: readonly ModelSpec[] = [
  m('宇通', 'ZK6729D', 'LZY', 'diesel', [19], 2),
  m('金杯', '大海狮', 'LSY', 'diesel', [15], 2),
];

export const MOTORCYCLE_MODELS: readonly ModelSpec[] = [
  m('豪爵', '铃木UY125', 'LC6', 'petrol', [2], 4),
  m('新大洲本田', '裂行', 'LAL', 'petrol', [2], 3),
];

export interface VehicleClassSpec {
  key:
    | 'private-car'
    | 'taxi'
    | 'micro'
    | 'van'
    | 'light-truck'
    | 'heavy-truck'
    | 'bus'
    | 'medium-bus'
    | 'motorcycle';
  vehicleType: VehicleType;
  useType: UseType;
  weight: number;
  models: readonly ModelSpec[];
}

export const VEHICLE_CLASSES: readonly VehicleClassSpec[] = [
  {
    key: 'private-car',
    vehicleType: 'small-passenger',
    useType: 'non-operating',
    weight: 800,
    models: CAR_MODELS,
  },
  { key: 'taxi', vehicleType: 'small-passenger', useType: 'operating', weight: 45, models: TAXI_MODELS },
  {
    key: 'micro',
    vehicleType: 'micro-passenger',
    useType: 'non-operating',
    weight: 20,
    models: MICRO_MODELS,
  },
  { key: 'van', vehicleType: 'van', useType: 'non-operating', weight: 25, models: VAN_MODELS },
  { key: 'light-truck', vehicleType: 'truck', useType: 'operating', weight: 45, models: LIGHT_TRUCK_MODELS },
  { key: 'heavy-truck', vehicleType: 'truck', useType: 'operating', weight: 15, models: HEAVY_TRUCK_MODELS },
  { key: 'bus', vehicleType: 'large-passenger', useType: 'operating', weight: 8, models: BUS_MODELS },
  {
    key: 'medium-bus',
    vehicleType: 'medium-passenger',
    useType: 'operating',
    weight: 5,
    models: MEDIUM_BUS_MODELS,
  },
  {
    key: 'motorcycle',
    vehicleType: 'motorcycle',
    useType: 'non-operating',
    weight: 37,
    models: MOTORCYCLE_MODELS,
  },
];

/**
 * Relative frequency of violation codes in the demo data (codes missing from the contracts table are
 * ignored; codes added there later get a small default weight). Parking and minor speeding dominate, as in
 * any city's camera data.
 */
export const VIOLATION_CODE_WEIGHTS: Readonly<Record<string, number>> = {
  '1039': 300,
  '1352': 150,
  '1042': 100,
  '1345': 80,
  '1625': 80,
  '1344': 50,
  '1636': 50,
  '1357': 50,
  '6011': 40,
  '1223': 30,
  '1043': 10,
  '1302': 10,
  '1301': 10,
  '1721': 10,
  '1633': 5,
  '5710': 5,
  '1310': 3,
  '1722': 2,
  '1714': 2,
  '1711': 1,
  '1606': 0.5,
  '1715': 1,
  '1702': 1,
  '1723': 0.5,
  '1703': 0.3,
  '1608': 0.2,
  '1712': 0.1,
  '1713': 0.2,
  // vehicle-specific codes, weighted only for the matching vehicles (see generate.ts)
  '6012': 0,
  '1717': 0,
  '1718': 0,
  '1607': 0,
  // not a driving offence of a vehicle
  '1716': 0,
};
