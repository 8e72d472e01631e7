// scipy.ndimage workloads (issue 4): zoom and map_coordinates, float64. Each
// workload is plain data that bench/peers/ndimage.py runs in SciPy too.
export const workloads = [
  ...[1, 3].map((order) => ({
    id: `zoom x2 512x512 f64 order ${order} mirror`,
    op: 'nd_zoom',
    input: [512, 512],
    zoom: 2,
    order,
    mode: 'mirror',
  })),
  {
    id: 'zoom x2 64x64x64 f64 order 3 mirror',
    op: 'nd_zoom',
    input: [64, 64, 64],
    zoom: 2,
    order: 3,
    mode: 'mirror',
  },
  {
    id: 'map_coordinates 512x512 f64 at 512x512 order 3',
    op: 'nd_map_coordinates',
    input: [512, 512],
    points: [512, 512],
    order: 3,
    mode: 'constant',
  },
];

// Returns a function that runs the workload once (with w.out: into a preallocated result).
export function prepare(w, gs, { fill, prod, bytesOf }) {
  const input = { data: fill(new Float64Array(prod(w.input)), 0, 1, 1), shape: w.input };
  if (w.op === 'nd_zoom') {
    const opts = { order: w.order, mode: w.mode };
    const first = gs.zoom(input, w.zoom, opts);
    if (w.out) opts.out = first;
    const run = () => gs.zoom(input, w.zoom, opts);
    run.bytes = bytesOf(input, first);
    return run;
  }
  const rank = w.input.length;
  const coords = new Float64Array(rank * prod(w.points));
  for (let a = 0; a < rank; ++a) fill(coords.subarray(a * prod(w.points), (a + 1) * prod(w.points)), 0, w.input[a] - 1, 2 + a);
  const c = { data: coords, shape: [rank, ...w.points] };
  const opts = { order: w.order, mode: w.mode };
  const first = gs.mapCoordinates(input, c, opts);
  if (w.out) opts.out = first;
  const run = () => gs.mapCoordinates(input, c, opts);
  run.bytes = bytesOf(input, c, first);
  return run;
}
