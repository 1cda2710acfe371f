/** A strict RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks; records end in CRLF. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (char === '"') {
        quoted = false;
        i++;
      } else {
        field += char;
        i++;
      }
    } else if (char === '"' && field === "") {
      quoted = true;
      i++;
    } else if (char === ",") {
      record.push(field);
      field = "";
      i++;
    } else if (char === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += 2;
    } else {
      if (char === '"' || char === "\n" || char === "\r") throw new Error(`unquoted ${JSON.stringify(char)} at ${i}`);
      field += char;
      i++;
    }
  }
  if (field || record.length) throw new Error("the last record does not end in CRLF");
  return records;
}
