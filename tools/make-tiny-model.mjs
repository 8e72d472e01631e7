// Writes examples/models/channel-mean.onnx: a one-node ONNX model (opset 13,
// GlobalAveragePool) from `pixels` float32 [N, 3, H, W] to `mean` float32
// [N, 3, 1, 1]. It stands in for a real network in the README's data-loader
// example and the demo, so they run offline. The protobuf is encoded here by
// hand (field numbers from onnx.proto: ModelProto, GraphProto, NodeProto,
// ValueInfoProto, TypeProto.Tensor, TensorShapeProto), no onnx package needed.
// Usage: node tools/make-tiny-model.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const varint = (n) => {
  const b = [];
  while (n > 127) { b.push((n & 127) | 128); n >>>= 7; }
  b.push(n);
  return b;
};
const bytes = (no, b) => [...varint((no << 3) | 2), ...varint(b.length), ...b];
const int = (no, v) => [...varint(no << 3), ...varint(v)];
const str = (no, s) => bytes(no, [...Buffer.from(s)]);

// TensorShapeProto.Dimension: dim_value = 1, dim_param = 2
const dim = (d) => bytes(1, typeof d === 'number' ? int(1, d) : str(2, d));
// ValueInfoProto { name = 1, type = 2 { tensor_type = 1 { elem_type = 1 (FLOAT = 1), shape = 2 } } }
const tensorInfo = (name, dims) => [...str(1, name), ...bytes(2, bytes(1, [...int(1, 1), ...bytes(2, dims.flatMap(dim))]))];
// NodeProto { input = 1, output = 2, op_type = 4 }
const node = [...str(1, 'pixels'), ...str(2, 'mean'), ...str(4, 'GlobalAveragePool')];
// GraphProto { node = 1, name = 2, input = 11, output = 12 }
const graph = [
  ...bytes(1, node), ...str(2, 'channel_mean'),
  ...bytes(11, tensorInfo('pixels', ['N', 3, 'H', 'W'])), ...bytes(12, tensorInfo('mean', ['N', 3, 1, 1])),
];
// ModelProto { ir_version = 1, producer_name = 2, graph = 7, opset_import = 8 { version = 2 } }
const model = [...int(1, 7), ...str(2, 'gridsample tools/make-tiny-model.mjs'), ...bytes(7, graph), ...bytes(8, int(2, 13))];

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'examples', 'models', 'channel-mean.onnx');
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, Uint8Array.from(model));
console.log(`wrote ${path.relative(process.cwd(), out)} (${model.length} bytes)`);
