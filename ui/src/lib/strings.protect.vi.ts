// The strings of the store's protection, in Vietnamese: the passphrase asked for at start where
// the computer has no keyring. Spread into the main table (strings.vi.ts); the English is
// strings.protect.en.ts.

export const protectVi = {
  "unlock.title": "Mở sổ tay",
  "unlock.explain":
    "Sổ tay trên máy này được mã hoá để người khác lấy được máy cũng không đọc được. Nhập mật khẩu bảo vệ để mở.",
  "unlock.newTitle": "Bảo vệ sổ tay bằng mật khẩu",
  "unlock.newExplain":
    "Máy này không có kho khoá của hệ điều hành để giữ khoá mã hoá. Hãy đặt một mật khẩu (ít nhất 8 ký tự): sổ tay được mã hoá ngay từ đầu, và mỗi lần mở máy sẽ hỏi mật khẩu này. Quên mật khẩu thì phải kết nối lại với máy chủ để lấy lại dữ liệu.",
  "unlock.passphrase": "Mật khẩu bảo vệ sổ tay",
  "unlock.confirm": "Nhập lại mật khẩu",
  "unlock.mismatch": "Hai lần nhập mật khẩu không giống nhau.",
  "unlock.open": "Mở sổ tay",
  "unlock.protect": "Đặt mật khẩu và mở",
  "unlock.opening": "Đang mở…",
} as const;
