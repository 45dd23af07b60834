// Reading a chosen file for the app: the bytes travel as base64 in the command's JSON.

/** The largest file a document carries (the Rust side says the same: MAX_ATTACHMENT_BYTES). */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;

/** The file's bytes as standard, padded base64. */
export function fileBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error ?? new Error("read"));
    reader.readAsDataURL(file);
  });
}
