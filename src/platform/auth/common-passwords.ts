/**
 * Passwords of twelve or more characters that appear near the top of every
 * published breach list, plus the obvious ones for this service. Compared
 * case-insensitively after removing spaces. Short on purpose: the length rule
 * already stops most weak choices; this catches the famous long ones.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456123456', '111111111111', '000000000000',
  '123123123123', '121212121212', '112233445566', '098765432112', '987654321098', '147258369147',
  '123412341234', '123451234512', '123321123321', '1q2w3e4r5t6y', '1qaz2wsx3edc', 'qazwsxedcrfv',
  'zaq12wsxcde3', '1q2w3e4r5t6y7u', 'qwertyuiopas', 'qwertyuiop12', 'qwertyuiop123', 'qwerty123456',
  'qwertyqwerty', 'asdfghjkl123', 'asdfasdfasdf', 'zxcvbnm12345', 'zxcvbnmasdfg', 'abcdefghijkl',
  'abcd12345678', 'abc123abc123', 'abcabcabcabc', 'aaaaaaaaaaaa', 'password1234', 'password12345',
  'password123456', 'password1234!', 'passwordpassword', 'password!123', 'p@ssw0rd1234', 'p@ssword1234',
  'passw0rd1234', 'mypassword123', 'mypassword1234', 'newpassword123', 'changeme1234', 'changemenow!',
  'letmein12345', 'letmeinplease', 'welcome12345', 'welcome123456', 'welcome2024!', 'welcome2025!',
  'welcome2026!', 'iloveyou1234', 'iloveyouiloveyou', 'sunshine1234', 'princess1234', 'football1234',
  'baseball1234', 'liverpool123', 'manchester123', 'manchesterunited', 'chelsea12345', 'arsenal12345',
  'starwars1234', 'superman1234', 'batman123456', 'dragon123456', 'monkey123456', 'shadow123456',
  'master123456', 'michael12345', 'jennifer1234', 'computer1234', 'internet1234', 'trustno11234',
  'administrator', 'administrator1', 'administrator123', 'admin1234567', 'admin12345678', 'adminadmin12',
  'adminadminadmin', 'rootroot1234', 'letmein!1234', 'summer202420', 'spring2025!!', 'winter2025!!',
  'autumn2025!!', 'january2025!', 'september2025', 'correcthorsebatterystaple', 'thequickbrownfox',
  'bradford1234', 'yorkshire123', 'london123456', 'england12345', 'unitedkingdom', 'belong123456',
  'belongbelong', 'belongpassword', 'communitygroup', 'volunteer123', 'volunteer1234', 'helloworld12',
  'helloworld123', 'hellohello12', 'goodmorning1', 'whatever1234', 'nothing12345', 'secret123456',
  'supersecret1', 'supersecret123', 'access123456', 'loveyou12345', 'freedom12345', 'qwerty1234567',
]);
