import { median } from './statistics.js';

/**
 * Ordinary least squares of y on one x, with the updating formulas of
 * commons-math's SimpleRegression (CloudSim's LR and LRR detectors use it),
 * so predictions are the same doubles.
 */
export class SimpleRegression {
  #n = 0;
  #sumX = 0;
  #sumY = 0;
  #sumXX = 0;
  #sumXY = 0;
  #xbar = 0;
  #ybar = 0;

  add(x: number, y: number): void {
    if (this.#n === 0) {
      this.#xbar = x;
      this.#ybar = y;
    } else {
      const fact1 = 1 + this.#n;
      const fact2 = this.#n / (1 + this.#n);
      const dx = x - this.#xbar;
      const dy = y - this.#ybar;
      this.#sumXX += dx * dx * fact2;
      this.#sumXY += dx * dy * fact2;
      this.#xbar += dx / fact1;
      this.#ybar += dy / fact1;
    }
    this.#sumX += x;
    this.#sumY += y;
    this.#n++;
  }

  slope(): number {
    if (this.#n < 2) return Number.NaN;
    if (Math.abs(this.#sumXX) < 10 * Number.MIN_VALUE) return Number.NaN;
    return this.#sumXY / this.#sumXX;
  }

  intercept(slope = this.slope()): number {
    return (this.#sumY - slope * this.#sumX) / this.#n;
  }

  predict(x: number): number {
    const b1 = this.slope();
    return this.intercept(b1) + b1 * x;
  }

  /**
   * [intercept, slope] as regress().getParameterEstimates() gives them;
   * fewer than three points is an error (commons-math's NoDataException),
   * and no spread in x gives [mean y, NaN].
   */
  estimates(): readonly [number, number] {
    if (this.#n < 3) throw new RangeError('a regression needs at least 3 points');
    if (Math.abs(this.#sumXX) > SAFE_MIN) return [this.intercept(), this.slope()];
    return [this.#sumY / this.#n, Number.NaN];
  }
}

/** commons-math's Precision.SAFE_MIN: the smallest normal double. */
const SAFE_MIN = 2 ** -1022;
/** Java's Double.MAX_VALUE. */
const MAX_VALUE = Number.MAX_VALUE;

/** Tricube weights for n points, as MathUtil.getTricubeWeigts makes them (1 / k, the first three equal). */
export function tricubeWeights(n: number): Float64Array {
  const weights = new Float64Array(n);
  const top = n - 1;
  const spread = top;
  for (let i = 2; i < n; i++) {
    const k = Math.pow(1 - Math.pow((top - i) / spread, 3), 3);
    weights[i] = k > 0 ? 1 / k : MAX_VALUE;
  }
  weights[0] = weights[1] = weights[2]!;
  return weights;
}

/** Tricube times bisquare weights of residuals (MathUtil.getTricubeBisquareWeigts). */
export function tricubeBisquareWeights(residuals: ArrayLike<number>): Float64Array {
  const n = residuals.length;
  const tricube = tricubeWeights(n);
  const weights = new Float64Array(n);
  const s6 = median(Array.from(residuals, Math.abs)) * 6;
  for (let i = 2; i < n; i++) {
    const k = Math.pow(1 - Math.pow(residuals[i]! / s6, 2), 2);
    weights[i] = k > 0 ? (1 / k) * tricube[i]! : MAX_VALUE;
  }
  weights[0] = weights[1] = weights[2]!;
  return weights;
}

/**
 * MathUtil.createWeigthedLinearRegression, quirk included: the weights are
 * applied (as sqrt(w) x, sqrt(w) y) only when at least 40 % of them are
 * <= 0. Tricube weights never are, so CloudSim's "local regression" is
 * plain OLS; bisquare weights are only in degenerate cases (most residuals
 * exactly 0, a zero spread giving infinite and NaN weights).
 */
export function weightedRegression(x: ArrayLike<number>, y: ArrayLike<number>, weights: ArrayLike<number>): SimpleRegression {
  let zero = 0;
  for (let i = 0; i < weights.length; i++) if (weights[i]! <= 0) zero++;
  const weighted = zero >= 0.4 * weights.length;
  const regression = new SimpleRegression();
  for (let i = 0; i < x.length; i++) {
    const root = weighted ? Math.sqrt(weights[i]!) : 1;
    regression.add(weighted ? root * x[i]! : x[i]!, weighted ? root * y[i]! : y[i]!);
  }
  return regression;
}

const positions = (n: number): Float64Array => Float64Array.from({ length: n }, (_, i) => i + 1);

/** [intercept, slope] of y against x = 1..n (MathUtil.getLoessParameterEstimates). */
export function loessEstimates(y: ArrayLike<number>): readonly [number, number] {
  return weightedRegression(positions(y.length), y, tricubeWeights(y.length)).estimates();
}

/**
 * [intercept, slope] after one robust step (MathUtil.getRobustLoessParameterEstimates):
 * residuals of the first fit reweight the points by bisquare. CloudSim's
 * check for NaN estimates compares with `== NaN`, which is never true, so
 * the second fit's estimates are returned whatever they are.
 */
export function robustLoessEstimates(y: ArrayLike<number>): readonly [number, number] {
  const x = positions(y.length);
  const first = weightedRegression(x, y, tricubeWeights(y.length));
  const residuals = Array.from(x, (xi, i) => y[i]! - first.predict(xi));
  return weightedRegression(x, y, tricubeBisquareWeights(residuals)).estimates();
}
