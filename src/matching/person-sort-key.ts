/** The order of records within an oversized block: by surname, given name, email address, then id. */
export function personSortKey(
  lastName: string | null,
  firstName: string | null,
  email: string | null,
  id: string,
): string {
  return `${lastName ?? ''}|${firstName ?? ''}|${email ?? ''}|${id}`;
}
