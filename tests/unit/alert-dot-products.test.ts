/** The meaning match's dot products, four rows a pass and the rest one by one, against the plain sum. */
import { describe, expect, it } from "vitest";
import { dotProducts } from "@/lib/alerts/match-alerts";

describe("dotProducts", () => {
  it("gives each row's dot product with the vector, for any number of rows", () => {
    const dims = 7;
    const vector = Float32Array.from({ length: dims }, (_, i) => (i % 3) - 1 + i / 10);
    for (const rows of [0, 1, 3, 4, 5, 8, 11]) {
      const matrix = Float32Array.from({ length: rows * dims }, (_, i) => Math.sin(i + 1));
      const out = new Float64Array(rows);
      dotProducts(vector, matrix, dims, out);
      const plain = Array.from({ length: rows }, (_, row) => {
        let sum = 0;
        for (let i = 0; i < dims; i++) sum += matrix[row * dims + i]! * vector[i]!;
        return sum;
      });
      expect(Array.from(out)).toEqual(plain);
    }
  });
});
