// Constant payloads shared by the fixtures.

// 1x1 red PNG.
export const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

// Minimal PCM WAV (RIFF header, 2 bytes of samples).
export const WAV_TINY = 'UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=';

// A customer record holding every kind of value the masking feature must find. The card number is
// the well-known Visa test number; the IBAN is the UK example IBAN from the IBAN registry.
export const SENSITIVE_CUSTOMER = Object.freeze({
  id: 'cus_1001',
  name: 'Ada Lovelace',
  email: 'ada.lovelace@example.com',
  phone: '+44 20 7946 0958',
  card: '4111 1111 1111 1111',
  iban: 'GB82 WEST 1234 5698 7654 32',
});
