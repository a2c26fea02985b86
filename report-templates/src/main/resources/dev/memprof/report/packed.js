'use strict';
// The HTML report's allocation rows arrive packed (see PackedAllocations.java): varint columns,
// DEFLATE-compressed, base 85. Unpacked here, synchronously, before any view reads them.

// Raw DEFLATE (RFC 1951) decoder, after zlib's puff.c, with each Huffman code decoded by one look-up in a table of
// its longest code's bits (bit by bit, as puff does, took a third of a large page's unpacking).
const inflate = (data, size) => {
  const out = new Uint8Array(size);
  let at = 0, outAt = 0, bitBuf = 0, bitCount = 0;
  const bits = (n) => {
    while (bitCount < n) {
      if (at >= data.length) throw new Error('packed data ends early');
      bitBuf |= data[at++] << bitCount;
      bitCount += 8;
    }
    const v = bitBuf & ((1 << n) - 1);
    bitBuf >>>= n;
    bitCount -= n;
    return v;
  };
  // entries: symbol << 4 | code length, at every index whose low bits are the code (DEFLATE sends codes' bits
  // most significant first, read here least significant first: reversed)
  const huffman = (lengths) => {
    const count = new Uint16Array(16), next = new Uint16Array(16);
    let longest = 0;
    for (const l of lengths) { count[l]++; longest = Math.max(longest, l); }
    count[0] = 0;
    for (let l = 1, code = 0; l < 16; l++) next[l] = code = (code + count[l - 1]) << 1;
    const table = new Int32Array(1 << longest);
    for (let s = 0; s < lengths.length; s++) {
      const l = lengths[s];
      if (!l) continue;
      let code = next[l]++, reversed = 0;
      for (let i = 0; i < l; i++, code >>= 1) reversed = (reversed << 1) | (code & 1);
      for (let i = reversed; i < table.length; i += 1 << l) table[i] = (s << 4) | l;
    }
    return { table, longest };
  };
  const decode = (h) => {
    while (bitCount < h.longest) { // past the end, zeros: a last code may be shorter than the longest
      bitBuf |= (at < data.length ? data[at] : 0) << bitCount;
      at++;
      bitCount += 8;
    }
    const entry = h.table[bitBuf & ((1 << h.longest) - 1)], length = entry & 15;
    if (!length || length > bitCount) throw new Error('bad Huffman code');
    bitBuf >>>= length;
    bitCount -= length;
    return entry >> 4;
  };
  const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
  const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
  const DISTANCE_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
    4097, 6145, 8193, 12289, 16385, 24577];
  const DISTANCE_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
  const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
  let fixed = null;
  let last = 0;
  while (!last) {
    last = bits(1);
    const type = bits(2);
    if (type === 0) { // stored: from the next byte boundary, a length, its complement, the bytes
      at -= bitCount >> 3; // whole bytes a look-up read ahead
      bitBuf = 0; bitCount = 0;
      const len = data[at] | (data[at + 1] << 8);
      at += 4;
      out.set(data.subarray(at, at + len), outAt);
      at += len; outAt += len;
      continue;
    }
    let lengths, distances;
    if (type === 1) {
      if (!fixed) {
        const l = new Uint8Array(288);
        l.fill(8, 0, 144); l.fill(9, 144, 256); l.fill(7, 256, 280); l.fill(8, 280, 288);
        fixed = [huffman(l), huffman(new Uint8Array(30).fill(5))];
      }
      [lengths, distances] = fixed;
    } else if (type === 2) {
      const nlen = bits(5) + 257, ndist = bits(5) + 1, ncode = bits(4) + 4;
      const codeLengths = new Uint8Array(19);
      for (let i = 0; i < ncode; i++) codeLengths[CODE_LENGTH_ORDER[i]] = bits(3);
      const codeHuffman = huffman(codeLengths);
      const l = new Uint8Array(nlen + ndist);
      for (let i = 0; i < nlen + ndist;) {
        const sym = decode(codeHuffman);
        if (sym < 16) { l[i++] = sym; continue; }
        let repeat, value = 0;
        if (sym === 16) { value = l[i - 1]; repeat = 3 + bits(2); }
        else if (sym === 17) repeat = 3 + bits(3);
        else repeat = 11 + bits(7);
        l.fill(value, i, i + repeat);
        i += repeat;
      }
      lengths = huffman(l.subarray(0, nlen));
      distances = huffman(l.subarray(nlen));
    } else {
      throw new Error('bad block type');
    }
    for (;;) {
      const sym = decode(lengths);
      if (sym < 256) { out[outAt++] = sym; continue; }
      if (sym === 256) break;
      const s = sym - 257, len = LENGTH_BASE[s] + bits(LENGTH_EXTRA[s]);
      const d = decode(distances), dist = DISTANCE_BASE[d] + bits(DISTANCE_EXTRA[d]);
      for (let i = 0; i < len; i++, outAt++) out[outAt] = out[outAt - dist];
    }
  }
  if (outAt !== size || at - (bitCount >> 3) > data.length) throw new Error('packed data has the wrong size');
  return out;
};

const BASE85 = '!#$%()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~'.slice(0, 85);

const base85 = (text, length) => {
  const digit = new Uint8Array(128);
  for (let d = 0; d < 85; d++) digit[BASE85.charCodeAt(d)] = d;
  const out = new Uint8Array(text.length / 5 * 4);
  for (let i = 0, o = 0; i < text.length; i += 5, o += 4) {
    let word = 0;
    for (let j = 0; j < 5; j++) word = word * 85 + digit[text.charCodeAt(i + j)];
    out[o] = word >>> 24; out[o + 1] = (word >>> 16) & 255; out[o + 2] = (word >>> 8) & 255; out[o + 3] = word & 255;
  }
  return out.subarray(0, length);
};

// Unsigned LEB128 varints, exact up to 2^53: read() the next from data; at() where; skip(n) bytes.
const varintReader = (data) => {
  let at = 0;
  const read = () => {
    let v = 0, scale = 1, b;
    do { b = data[at++]; v += (b & 0x7f) * scale; scale *= 128; } while (b & 0x80);
    return v;
  };
  return { read, at: () => at, skip: (n) => { at += n; } };
};

// Back to the tree and frames JsonReport writes (see PackedTree.java): { tree: { parent, frame }, frames: { name, library } }.
const unpackTree = (packed) => {
  const data = inflate(base85(packed.packed, packed.deflated), packed.size);
  const input = varintReader(data);
  const n = input.read(), frameCount = input.read();
  const parent = new Int32Array(n), frame = new Int32Array(n), library = new Int32Array(frameCount);
  parent[0] = -1;
  frame[0] = -1;
  for (let i = 1; i < n; i++) parent[i] = i - input.read();
  for (let i = 1; i < n; i++) frame[i] = input.read();
  for (let f = 0; f < frameCount; f++) library[f] = input.read() - 1;
  const name = JSON.parse(new TextDecoder().decode(data.subarray(input.at())));
  return { tree: { parent, frame }, frames: { name, library } };
};

// Back to the columns JsonReport writes: node, thread, objectClass, bucket, bytes, samples.
const unpackAllocations = (allocations) => {
  const data = inflate(base85(allocations.packed, allocations.deflated), allocations.size);
  const input = varintReader(data);
  const varint = input.read;
  // a long recording's rows come with merged time buckets: each row then covers span buckets from its own
  const span = allocations.bucketSpan || 1;
  const n = varint(), groups = varint(), unit = varint(), bucketCount = varint();
  const bucketSamples = [];
  let allSamples = 0;
  for (let b = 0; b < bucketCount; b++) { bucketSamples.push(varint()); allSamples += bucketSamples[b]; }
  const rows = {
    node: new Int32Array(n), thread: new Int32Array(n), objectClass: new Int32Array(n), bucket: new Int32Array(n),
    bytes: new Float64Array(n), samples: new Float64Array(n), bucketSpan: span,
  };
  // sections: groups, then per row buckets, samples, and the low bytes and the rest of the bytes' differences
  const unzigzag = (z) => (z % 2 ? -(z + 1) / 2 : z / 2);
  const groupData = [];
  let node = 0;
  for (let g = 0; g < groups; g++) {
    node += unzigzag(varint());
    groupData.push([node, varint(), varint(), varint(), varint(), varint()]);
  }
  const mean = new Float64Array(n), share = new Float64Array(n);
  let r = 0;
  for (const [groupNode, thread, objectClass, count, groupSamples, groupMean] of groupData) {
    let bucket = -1;
    for (let i = 0; i < count; i++, r++) {
      bucket += varint() + 1;
      rows.node[r] = groupNode; rows.thread[r] = thread; rows.objectClass[r] = objectClass; rows.bucket[r] = bucket * span;
      mean[r] = groupMean;
      share[r] = groupSamples / allSamples; // as PackedAllocations computes it, in doubles
    }
  }
  for (r = 0; r < n; r++) rows.samples[r] = Math.floor(share[r] * bucketSamples[rows.bucket[r] / span]) + unzigzag(varint());
  const low = input.at();
  input.skip(n);
  for (r = 0; r < n; r++) {
    const difference = unzigzag(data[low + r] + varint() * 256);
    rows.bytes[r] = (rows.samples[r] * mean[r] + difference) * unit;
  }
  return rows;
};
