/**
 * Staff password policy: at least 8 characters, at least three of the four
 * classes (upper, lower, digit, symbol), and not the username (in any case).
 */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if (password.length < 8) problems.push('密码至少 8 位');
  if (password.length > 128) problems.push('密码不能超过 128 位');
  const classes = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push('须包含大写字母、小写字母、数字、符号中的至少三类');
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push('不能包含用户名');
  }
  return problems;
}
