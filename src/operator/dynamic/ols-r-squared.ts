/**
 * R² of an ordinary least-squares fit of y on several regressors plus an
 * intercept, solved by Householder QR as commons-math's
 * OLSMultipleLinearRegression does (CloudSim's MC selection uses it).
 * Returns null where commons-math throws an IllegalArgumentException, the
 * cases in which CloudSim falls back to another selection: no regressor,
 * no rows, fewer rows than coefficients, or an exactly singular design.
 */
export function olsRSquared(y: ArrayLike<number>, regressors: readonly ArrayLike<number>[]): number | null {
  const rows = y.length;
  const columns = regressors.length + 1;
  if (regressors.length === 0 || rows === 0 || columns > rows) return null;
  // qrt[c][r]: the design transposed, a column per row, intercept first (as commons-math lays it out).
  const qrt = Array.from({ length: columns }, (_, c) => Float64Array.from({ length: rows }, (_, r) => (c === 0 ? 1 : regressors[c - 1]![r]!)));
  const rDiag = new Float64Array(columns);
  for (let minor = 0; minor < columns; minor++) reflect(qrt, rDiag, minor);
  for (const d of rDiag) if (Math.abs(d) <= 0) return null;
  const beta = solve(qrt, rDiag, y);
  let ssr = 0;
  for (let r = 0; r < rows; r++) {
    let fitted = 0;
    for (let c = 0; c < columns; c++) fitted += (c === 0 ? 1 : regressors[c - 1]![r]!) * beta[c]!;
    const residual = y[r]! - fitted;
    ssr += residual * residual;
  }
  return 1 - ssr / secondMoment(y);
}

/** One Householder reflection (QRDecomposition.performHouseholderReflection). */
function reflect(qrt: Float64Array[], rDiag: Float64Array, minor: number): void {
  const qrtMinor = qrt[minor]!;
  let xNormSqr = 0;
  for (let row = minor; row < qrtMinor.length; row++) xNormSqr += qrtMinor[row]! * qrtMinor[row]!;
  const a = qrtMinor[minor]! > 0 ? -Math.sqrt(xNormSqr) : Math.sqrt(xNormSqr);
  rDiag[minor] = a;
  if (a === 0) return;
  qrtMinor[minor]! -= a;
  for (let col = minor + 1; col < qrt.length; col++) {
    const qrtCol = qrt[col]!;
    let alpha = 0;
    for (let row = minor; row < qrtCol.length; row++) alpha -= qrtCol[row]! * qrtMinor[row]!;
    alpha /= a * qrtMinor[minor]!;
    for (let row = minor; row < qrtCol.length; row++) qrtCol[row]! -= alpha * qrtMinor[row]!;
  }
}

/** Least-squares coefficients from the reflections (the QR solver: Q'y, then back substitution). */
function solve(qrt: Float64Array[], rDiag: Float64Array, b: ArrayLike<number>): Float64Array {
  const n = rDiag.length;
  const y = Float64Array.from(b);
  for (let minor = 0; minor < n; minor++) {
    const qrtMinor = qrt[minor]!;
    let dot = 0;
    for (let row = minor; row < y.length; row++) dot += y[row]! * qrtMinor[row]!;
    dot /= rDiag[minor]! * qrtMinor[minor]!;
    for (let row = minor; row < y.length; row++) y[row]! += dot * qrtMinor[row]!;
  }
  const x = new Float64Array(n);
  for (let row = n - 1; row >= 0; row--) {
    y[row]! /= rDiag[row]!;
    const yRow = y[row]!;
    const qrtRow = qrt[row]!;
    x[row] = yRow;
    for (let i = 0; i < row; i++) y[i]! -= yRow * qrtRow[i]!;
  }
  return x;
}

/** Sum of squared deviations from the mean, by the updating formula of commons-math's SecondMoment. */
function secondMoment(data: ArrayLike<number>): number {
  let n = 0;
  let m1 = 0;
  let m2 = 0;
  for (let i = 0; i < data.length; i++) {
    n++;
    const dev = data[i]! - m1;
    const nDev = dev / n;
    m1 += nDev;
    m2 += (n - 1) * dev * nDev;
  }
  return m2;
}
