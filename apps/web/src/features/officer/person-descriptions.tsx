import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import type { PersonDto } from '@opendmv/contracts';
import { Descriptions, Tag } from 'antd';
import { formatDate } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n-provider.tsx';

export function PersonDescriptions({ person, column = 2 }: { person: PersonDto; column?: number }) {
  const t = useT();
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 1, md: column }}
      items={[
        { key: 'name', label: t.person.name, children: person.name },
        {
          key: 'id',
          label: t.person.idNumber,
          children: (
            <>
              <span className="odmv-mono" data-testid="person-id-number">
                {person.idNumber}
              </span>{' '}
              {person.isMasked ? (
                <Tag icon={<EyeInvisibleOutlined />}>{t.person.masked}</Tag>
              ) : (
                <Tag icon={<EyeOutlined />} color="warning">
                  {t.person.revealed}
                </Tag>
              )}
            </>
          ),
        },
        { key: 'sex', label: t.person.sex, children: t.person.sexes[person.sex] },
        { key: 'birth', label: t.person.birthDate, children: formatDate(person.birthDate) },
        {
          key: 'phone',
          label: t.person.phone,
          children: <span className="odmv-mono">{person.phone ?? t.common.none}</span>,
        },
        { key: 'address', label: t.person.address, children: person.address ?? t.common.none },
      ]}
    />
  );
}
