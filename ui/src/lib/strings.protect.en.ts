// The strings of the store's protection, in English (strings.protect.vi.ts is the Vietnamese).

export const protectEn = {
  "unlock.title": "Open the handbook",
  "unlock.explain":
    "The handbook on this computer is encrypted, so that someone who takes the computer cannot read it. Enter its passphrase to open it.",
  "unlock.newTitle": "Protect the handbook with a passphrase",
  "unlock.newExplain":
    "This computer has no system keyring to keep the encryption key in. Choose a passphrase (8 characters or more): the handbook is encrypted from the start, and each start asks for it. If it is forgotten, connect to the server again to get the data back.",
  "unlock.passphrase": "Passphrase of the handbook",
  "unlock.confirm": "Enter the passphrase again",
  "unlock.mismatch": "The two passphrases are not the same.",
  "unlock.open": "Open the handbook",
  "unlock.protect": "Set the passphrase and open",
  "unlock.opening": "Opening…",
} as const;
