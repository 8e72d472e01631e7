// The demo's built-in picture, drawn in code so the repository ships no image
// file: a sky gradient, a sun, hills, a checkered field and, top right, a zone
// plate (rings that get finer outwards: they alias when an image is shrunk
// without antialiasing). Returns sharp-style raw output { data, info }.
export function sampleImage(width = 512, height = 384) {
  const data = new Uint8Array(width * height * 3);
  const put = (x, y, r, g, b) => {
    const i = (y * width + x) * 3;
    data[i] = r; data[i + 1] = g; data[i + 2] = b;
  };
  const s = width / 512;
  const zx = 400 * s, zy = 96 * s, zr = 80 * s;
  for (let y = 0; y < height; ++y) {
    for (let x = 0; x < width; ++x) {
      const t = y / height;
      let r = 40 + 80 * t, g = 110 + 90 * t, b = 230 - 40 * t;                        // sky
      const sun = Math.hypot(x - 120 * s, y - 90 * s);
      if (sun < 44 * s) [r, g, b] = [255, 214 - sun / s, 60];                         // sun
      const hill = height * 0.62 + 30 * s * Math.sin(x / (60 * s)) + 14 * s * Math.sin(x / (23 * s) + 1);
      if (y > hill) [r, g, b] = [60 + 40 * Math.sin(x / (9 * s)), 150 - (y - hill) / (3 * s), 60];  // hills
      if (y > height * 0.78) {                                                        // field
        const cell = Math.floor(x / (24 * s)) + Math.floor((y - height * 0.78) / (12 * s));
        [r, g, b] = cell % 2 ? [230, 200, 90] : [170, 60, 40];
      }
      const zd = Math.hypot(x - zx, y - zy);
      if (zd < zr) {                                                                  // zone plate
        const v = 127.5 * (1 + Math.cos((zd * zd) / (60 * s * s)));
        [r, g, b] = [v, v, v];
      }
      put(x, y, r, g, b);
    }
  }
  return { data, info: { width, height, channels: 3 } };
}
