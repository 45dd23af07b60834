// Diacritic-insensitive matching for short lists (names), as the store's search does for texts:
// marks removed, đ read as d, case ignored.

export function fold(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase();
}
