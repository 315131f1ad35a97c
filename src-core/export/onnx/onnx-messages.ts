import { ProtoWriter } from './protobuf-writer';

/**
 * The few ONNX messages we write, with their protobuf field numbers. Every number below is taken
 * from onnx/onnx.proto (ONNX 1.8+, IR version 7); the message and field names are the .proto ones.
 */

/** TensorProto.DataType (onnx.proto enum TensorProto.DataType). */
export const DataType = { FLOAT: 1, INT64: 7, STRING: 8, BOOL: 9, DOUBLE: 11 } as const;
export type DataTypeCode = (typeof DataType)[keyof typeof DataType];

/** AttributeProto.AttributeType (onnx.proto enum AttributeProto.AttributeType). */
const AttributeType = { FLOAT: 1, INT: 2, STRING: 3, INTS: 7 } as const;

export interface TensorSpec {
  readonly name: string;
  readonly dataType: DataTypeCode;
  readonly dims: readonly number[];
  /** Little-endian element bytes (numeric types) ... */
  readonly rawData?: Uint8Array;
  /** ... or the strings of a STRING tensor. */
  readonly strings?: readonly string[];
}

export type AttributeValue = { readonly int: number } | { readonly float: number } | { readonly ints: readonly number[] } | { readonly string: string };

export interface NodeSpec {
  readonly opType: string;
  readonly name: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
}

export interface ValueInfoSpec {
  readonly name: string;
  readonly elemType: DataTypeCode;
  /** A number is a fixed size, a string a symbolic dimension (e.g. "N" rows). */
  readonly shape: readonly (number | string)[];
  readonly docString?: string;
}

export interface GraphSpec {
  readonly name: string;
  readonly nodes: readonly NodeSpec[];
  readonly initializers: readonly TensorSpec[];
  readonly inputs: readonly ValueInfoSpec[];
  readonly outputs: readonly ValueInfoSpec[];
  readonly docString?: string;
}

export interface ModelSpec {
  readonly irVersion: number;
  readonly opsetVersion: number;
  readonly producerName: string;
  readonly producerVersion: string;
  readonly docString: string;
  readonly graph: GraphSpec;
  readonly metadata: readonly (readonly [string, string])[];
}

/** ModelProto bytes. */
export function encodeModel(model: ModelSpec): Uint8Array {
  const w = new ProtoWriter();
  w.varint(1, model.irVersion); // ModelProto.ir_version = 1
  w.string(2, model.producerName); // ModelProto.producer_name = 2
  w.string(3, model.producerVersion); // ModelProto.producer_version = 3
  w.string(6, model.docString); // ModelProto.doc_string = 6
  w.message(7, (g) => writeGraph(g, model.graph)); // ModelProto.graph = 7
  // ModelProto.opset_import = 8: OperatorSetIdProto { domain = 1, version = 2 }; "" is the default ai.onnx domain.
  w.message(8, (o) => o.string(1, '').varint(2, model.opsetVersion));
  // ModelProto.metadata_props = 14: StringStringEntryProto { key = 1, value = 2 }.
  for (const [key, value] of model.metadata) w.message(14, (e) => e.string(1, key).string(2, value));
  return w.finish();
}

function writeGraph(w: ProtoWriter, graph: GraphSpec): void {
  for (const node of graph.nodes) w.message(1, (n) => writeNode(n, node)); // GraphProto.node = 1
  w.string(2, graph.name); // GraphProto.name = 2
  for (const tensor of graph.initializers) w.message(5, (t) => writeTensor(t, tensor)); // GraphProto.initializer = 5
  if (graph.docString) w.string(10, graph.docString); // GraphProto.doc_string = 10
  for (const input of graph.inputs) w.message(11, (v) => writeValueInfo(v, input)); // GraphProto.input = 11
  for (const output of graph.outputs) w.message(12, (v) => writeValueInfo(v, output)); // GraphProto.output = 12
}

function writeNode(w: ProtoWriter, node: NodeSpec): void {
  for (const input of node.inputs) w.string(1, input); // NodeProto.input = 1
  for (const output of node.outputs) w.string(2, output); // NodeProto.output = 2
  w.string(3, node.name); // NodeProto.name = 3
  w.string(4, node.opType); // NodeProto.op_type = 4
  for (const [name, value] of Object.entries(node.attributes ?? {})) w.message(5, (a) => writeAttribute(a, name, value)); // NodeProto.attribute = 5
}

function writeAttribute(w: ProtoWriter, name: string, value: AttributeValue): void {
  w.string(1, name); // AttributeProto.name = 1
  if ('int' in value) w.varint(3, value.int).varint(20, AttributeType.INT); // AttributeProto.i = 3, type = 20
  else if ('float' in value) {
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setFloat32(0, value.float, true);
    w.key(2, 5); // AttributeProto.f = 2 (float: wire type 5, 4 little-endian bytes)
    w.bytesFieldRaw(bytes);
    w.varint(20, AttributeType.FLOAT);
  } else if ('ints' in value) w.packedInt64(8, value.ints).varint(20, AttributeType.INTS); // AttributeProto.ints = 8
  else w.string(4, value.string).varint(20, AttributeType.STRING); // AttributeProto.s = 4
}

function writeTensor(w: ProtoWriter, tensor: TensorSpec): void {
  if (tensor.dims.length > 0) w.packedInt64(1, tensor.dims); // TensorProto.dims = 1
  w.varint(2, tensor.dataType); // TensorProto.data_type = 2
  for (const text of tensor.strings ?? []) w.string(6, text); // TensorProto.string_data = 6
  w.string(8, tensor.name); // TensorProto.name = 8
  if (tensor.rawData) w.bytesField(9, tensor.rawData); // TensorProto.raw_data = 9
}

function writeValueInfo(w: ProtoWriter, info: ValueInfoSpec): void {
  w.string(1, info.name); // ValueInfoProto.name = 1
  // ValueInfoProto.type = 2 -> TypeProto.tensor_type = 1 -> TypeProto.Tensor { elem_type = 1, shape = 2 }
  w.message(2, (type) =>
    type.message(1, (tensor) => {
      tensor.varint(1, info.elemType);
      // TensorShapeProto.dim = 1 -> Dimension { dim_value = 1 | dim_param = 2 }
      tensor.message(2, (shape) => {
        for (const dim of info.shape) shape.message(1, (d) => (typeof dim === 'number' ? d.varint(1, dim) : d.string(2, dim)));
      });
    }),
  );
  if (info.docString) w.string(3, info.docString); // ValueInfoProto.doc_string = 3
}
