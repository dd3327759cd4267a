/** A length in seconds as said in Dutch: "20 seconden", "1 minuut en 5 seconden", "3 minuten". */
export function spokenDuration(seconds: number): string {
  const total = Math.max(1, Math.round(seconds));
  const minutes = Math.floor(total / 60);
  const rest = total % 60;
  const parts: string[] = [];
  if (minutes > 0) parts.push(`${minutes} ${minutes === 1 ? 'minuut' : 'minuten'}`);
  if (rest > 0) parts.push(`${rest} ${rest === 1 ? 'seconde' : 'seconden'}`);
  return parts.join(' en ');
}
