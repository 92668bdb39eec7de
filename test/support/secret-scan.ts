/** Where each secret turns up in the lines: empty when none does. */
export function findSecrets(lines: readonly string[], secrets: readonly string[]): string[] {
  const found: string[] = [];
  const wanted = [...new Set(secrets)].filter((s) => s.length >= 4);
  lines.forEach((line, i) => {
    for (const secret of wanted)
      if (line.includes(secret))
        found.push(`line ${i + 1} contains a secret starting ${secret.slice(0, 4)}…`);
  });
  return found;
}
