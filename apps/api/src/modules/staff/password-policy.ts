/**
 * Staff password rule (等保 2.0 三级 身份鉴别 a: 口令具有复杂度要求): at least 10 characters (the
 * contract's schema), at least three of lower case, upper case, digits and symbols, and not
 * containing the username. Returns the problem in both languages, or null.
 */
export function passwordProblem(password: string, username: string): { zh: string; en: string } | null {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) {
    return {
      zh: '密码须包含大写字母、小写字母、数字、符号中的至少三类',
      en: 'Use at least three of: lower-case letters, upper-case letters, digits, symbols',
    };
  }
  if (password.toLowerCase().includes(username.toLowerCase())) {
    return { zh: '密码不能包含用户名', en: 'The password must not contain the username' };
  }
  return null;
}
