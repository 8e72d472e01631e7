// The sampling grids of torchvision 0.29's geometric transforms on tensors
// (transforms/v2/functional/_geometry.py), value for value: the grid decides
// which pixels a uint8 result rounds to, so it is built with torchvision's
// float32 operations in their order (torch.linspace, the bmm with the
// rescaled inverse matrix), not with affineGrid. The matrices themselves are
// computed in double as Python does, then cast like torch.tensor(matrix).
//
// The grids for float64 images are built in float64 with the same formulas
// (torch's float64 linspace fuses its multiply-add; ours does not, a 1-ulp
// difference far inside float64's tolerance).

const f32 = Math.fround;

/**
 * fmaf(a, b, c): a * b + c rounded once to float32, for float32 inputs. The
 * product of two float32 values is exact in a double; the sum is rounded to
 * double first, which can only differ from the single rounding when that
 * double is a float32 tie: then the error term of the sum decides.
 */
export function fmaf(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const r = f32(s);
  const diff = s - r;
  if (diff === 0) return r;
  // Is s exactly halfway between r and its neighbour on that side?
  const other = f32(r + 2 * diff);
  if (other === r || other - s !== s - r) return r;
  // Error of the double sum (Knuth's TwoSum): the exact value is s + err.
  const bp = s - c;
  const err = (p - bp) + (c - (s - bp));
  if (err === 0) return r;  // a true tie: f32 already rounded it to even
  return (err > 0) === (other > r) ? other : r;
}

/**
 * torch.linspace(start, end, steps) in float32 (ATen's linspace kernel): the
 * step is (end - start) / (steps - 1) in float32; the first half counts up
 * from start, the second down from end, each a fused multiply-add.
 */
export function linspace32(start: number, end: number, steps: number): Float32Array {
  const out = new Float32Array(steps);
  const s = f32(start);
  const e = f32(end);
  if (steps === 1) {
    out[0] = s;
    return out;
  }
  const step = f32(f32(e - s) / (steps - 1));
  const half = Math.floor(steps / 2);
  for (let i = 0; i < steps; ++i) out[i] = i < half ? fmaf(step, i, s) : fmaf(-step, steps - i - 1, e);
  return out;
}

/** torch.linspace in float64. */
export function linspace64(start: number, end: number, steps: number): Float64Array {
  const out = new Float64Array(steps);
  if (steps === 1) {
    out[0] = start;
    return out;
  }
  const step = (end - start) / (steps - 1);
  const half = Math.floor(steps / 2);
  for (let i = 0; i < steps; ++i) out[i] = i < half ? start + step * i : end - step * (steps - i - 1);
  return out;
}

export type GridArray = Float32Array | Float64Array;

/**
 * torchvision's _get_inverse_affine_matrix(center, angle, translate, scale,
 * shear) (degrees; center relative to the image centre): the 2x3 matrix that
 * maps output pixels to input pixels.
 */
export function inverseAffineMatrix(center: readonly [number, number], angle: number, translate: readonly [number, number],
  scale: number, shear: readonly [number, number]): number[] {
  const rad = Math.PI / 180;
  const rot = angle * rad;
  const sx = shear[0] * rad;
  const sy = shear[1] * rad;
  const [cx, cy] = center;
  const [tx, ty] = translate;
  const cosSy = Math.cos(sy);
  const tanSx = Math.tan(sx);
  const rotMinusSy = rot - sy;
  const cxPlusTx = cx + tx;
  const cyPlusTy = cy + ty;
  const a = Math.cos(rotMinusSy) / cosSy;
  const b = -(a * tanSx + Math.sin(rot));
  const c = Math.sin(rotMinusSy) / cosSy;
  const d = Math.cos(rot) - c * tanSx;
  const m = [d / scale, -b / scale, 0, -c / scale, a / scale, 0];
  m[2] += cx - m[0] * cxPlusTx - m[1] * cyPlusTy;
  m[5] += cy - m[3] * cxPlusTx - m[4] * cyPlusTy;
  return m;
}

/**
 * torchvision's _compute_affine_output_size (the tensor form): the bounding
 * box of the image's corners under `matrix` (float32 matmul), truncated to
 * 1e-4 before ceil / floor. Returns [width, height].
 */
export function affineOutputSize(matrix: readonly number[], w: number, h: number): [number, number] {
  const halfW = 0.5 * w;
  const halfH = 0.5 * h;
  const pts = [[-halfW, -halfH], [-halfW, halfH], [halfW, halfH], [halfW, -halfH]];
  const t = matrix.map(f32);
  const mins = [Infinity, Infinity];
  const maxs = [-Infinity, -Infinity];
  for (const [x, y] of pts) {
    for (let k = 0; k < 2; ++k) {
      const v = f32(f32(f32(f32(x) * t[3 * k]) + f32(f32(y) * t[3 * k + 1])) + t[3 * k + 2]);
      mins[k] = Math.min(mins[k], v);
      maxs[k] = Math.max(maxs[k], v);
    }
  }
  const halfs = [f32(halfW), f32(halfH)];
  const size: number[] = [];
  for (let k = 0; k < 2; ++k) {
    // float32 tensor ops: (v + half) * 1e4, trunc, * 1e-4, ceil / floor
    const hi = Math.ceil(f32(Math.trunc(f32(f32(maxs[k] + halfs[k]) * f32(1e4))) * f32(1e-4)));
    const lo = Math.floor(f32(Math.trunc(f32(f32(mins[k] + halfs[k]) * f32(1e4))) * f32(1e-4)));
    size.push(hi - lo);
  }
  return [size[0], size[1]];
}

/**
 * torchvision's _affine_grid(theta, w, h, ow, oh): a [1, oh, ow, 2] grid of
 * (x, y) in grid_sample's normalised coordinates. The base grid is float32
 * linspace (also for float64 images, as there), the matrix is divided by
 * (w/2, h/2) and applied as bmm does: (x * t0 + y * t1) + t2.
 */
export function affineGrid(matrix: readonly number[], w: number, h: number, ow: number, oh: number, double: boolean): GridArray {
  const xs = linspace32((1 - ow) * 0.5, (ow - 1) * 0.5, ow);
  const ys = linspace32((1 - oh) * 0.5, (oh - 1) * 0.5, oh);
  const grid = double ? new Float64Array(oh * ow * 2) : new Float32Array(oh * ow * 2);
  const r = double ? (x: number) => x : f32;
  const theta = matrix.map(r);
  const sx = r(0.5 * w);
  const sy = r(0.5 * h);
  // rescaled theta, column k: (m[3k], m[3k+1], m[3k+2]) / (w/2 for x, h/2 for y)
  const t = [0, 1].map((k) => {
    const s = k === 0 ? sx : sy;
    return [r(theta[3 * k] / s), r(theta[3 * k + 1] / s), r(theta[3 * k + 2] / s)];
  });
  // The products are per column and per row: computed once each.
  const px = [0, 1].map((k) => (double ? Float64Array.from(xs, (x) => x * t[k][0]) : Float32Array.from(xs, (x) => x * t[k][0])));
  const [px0, px1] = px;
  const [c0, c1] = [t[0][2], t[1][2]];
  let q = 0;
  for (let i = 0; i < oh; ++i) {
    const py0 = r(ys[i] * t[0][1]);
    const py1 = r(ys[i] * t[1][1]);
    if (double) {
      for (let j = 0; j < ow; ++j, q += 2) {
        grid[q] = px0[j] + py0 + c0;
        grid[q + 1] = px1[j] + py1 + c1;
      }
    } else {
      for (let j = 0; j < ow; ++j, q += 2) {
        grid[q] = f32(px0[j] + py0) + c0;  // the store into the Float32Array rounds the sum
        grid[q + 1] = f32(px1[j] + py1) + c1;
      }
    }
  }
  return grid;
}

/**
 * torchvision's _perspective_grid(coeffs, ow, oh): output pixel centres
 * (linspace 0.5 .. n - 0.5) through the homography,
 * x' = (c0 x + c1 y + c2) / (c6 x + c7 y + 1) normalised by (ow/2, oh/2), minus 1.
 */
export function perspectiveGrid(coeffs: readonly number[], ow: number, oh: number, double: boolean): GridArray {
  const r = double ? (x: number) => x : f32;
  const xs = double ? linspace64(0.5, ow - 0.5, ow) : linspace32(0.5, ow - 0.5, ow);
  const ys = double ? linspace64(0.5, oh - 0.5, oh) : linspace32(0.5, oh - 0.5, oh);
  const c = coeffs.map(r);
  const sx = r(0.5 * ow);
  const sy = r(0.5 * oh);
  const t1 = [[r(c[0] / sx), r(c[1] / sx), r(c[2] / sx)], [r(c[3] / sy), r(c[4] / sy), r(c[5] / sy)]];
  const grid = double ? new Float64Array(oh * ow * 2) : new Float32Array(oh * ow * 2);
  let q = 0;
  for (let i = 0; i < oh; ++i) {
    const y = ys[i];
    for (let j = 0; j < ow; ++j) {
      const x = xs[j];
      const den = r(r(r(x * c[6]) + r(y * c[7])) + 1);
      for (let k = 0; k < 2; ++k) {
        const t = t1[k];
        const num = r(r(r(x * t[0]) + r(y * t[1])) + t[2]);
        grid[q++] = r(r(num / den) - 1);
      }
    }
  }
  return grid;
}

/**
 * torchvision's _create_identity_grid((h, w)) plus a [1, h, w, 2]
 * displacement (elastic): pixel centres in normalised coordinates.
 */
export function elasticGrid(displacement: ArrayLike<number>, h: number, w: number, double: boolean): GridArray {
  const r = double ? (x: number) => x : f32;
  const xs = double ? linspace64((1 - w) / w, (w - 1) / w, w) : linspace32((1 - w) / w, (w - 1) / w, w);
  const ys = double ? linspace64((1 - h) / h, (h - 1) / h, h) : linspace32((1 - h) / h, (h - 1) / h, h);
  const grid = double ? new Float64Array(h * w * 2) : new Float32Array(h * w * 2);
  let q = 0;
  for (let i = 0; i < h; ++i) {
    for (let j = 0; j < w; ++j) {
      grid[q] = r(xs[j] + r(displacement[q]));
      grid[q + 1] = r(ys[i] + r(displacement[q + 1]));
      q += 2;
    }
  }
  return grid;
}

/**
 * torchvision's _get_perspective_coeffs(startpoints, endpoints): the eight
 * coefficients of the homography that maps end points to start points (a
 * least-squares solve in float64 there, exact for four points; here Gaussian
 * elimination with partial pivoting), rounded to float32 as there.
 */
export function perspectiveCoefficients(start: readonly (readonly number[])[], end: readonly (readonly number[])[]): number[] | null {
  const a: number[][] = [];
  const b: number[] = [];
  for (let i = 0; i < 4; ++i) {
    const [sx, sy] = start[i];
    const [ex, ey] = end[i];
    a.push([ex, ey, 1, 0, 0, 0, -sx * ex, -sx * ey]);
    b.push(sx);
    a.push([0, 0, 0, ex, ey, 1, -sy * ex, -sy * ey]);
    b.push(sy);
  }
  const n = 8;
  for (let col = 0; col < n; ++col) {
    let piv = col;
    for (let row = col + 1; row < n; ++row) if (Math.abs(a[row][col]) > Math.abs(a[piv][col])) piv = row;
    if (Math.abs(a[piv][col]) < 1e-12) return null;
    [a[col], a[piv]] = [a[piv], a[col]];
    [b[col], b[piv]] = [b[piv], b[col]];
    for (let row = col + 1; row < n; ++row) {
      const f = a[row][col] / a[col][col];
      if (f === 0) continue;
      for (let k = col; k < n; ++k) a[row][k] -= f * a[col][k];
      b[row] -= f * b[col];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; --row) {
    let s = b[row];
    for (let k = row + 1; k < n; ++k) s -= a[row][k] * x[k];
    x[row] = s / a[row][row];
  }
  return x.map(f32);
}
