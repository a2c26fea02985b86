// Decodes a gzip'ed pprof file with pprof-format (a decoder written from profile.proto, not by memprof) and prints
// what the tests compare, as JSON: sample types, totals, time range, and every sample with its stack's function names
// (leaf first), the mapping file of each location, and its labels. Usage: node pprof-decode.mjs FILE.pb.gz
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { Profile } from 'pprof-format'

const profile = Profile.decode(gunzipSync(readFileSync(process.argv[2])))
const strings = profile.stringTable.strings
const text = index => strings[Number(index)]
const byId = list => new Map(list.map(item => [Number(item.id), item]))
const functions = byId(profile.function), locations = byId(profile.location), mappings = byId(profile.mapping)
const totals = profile.sampleType.map(() => 0)
const samples = profile.sample.map(sample => {
  sample.value.forEach((value, i) => { totals[i] += Number(value) })
  const frames = sample.locationId.map(id => locations.get(Number(id)))
  return {
    stack: frames.map(location => text(functions.get(Number(location.line[0].functionId)).name)),
    mappings: frames.map(location => Number(location.mappingId) === 0 ? null : text(mappings.get(Number(location.mappingId)).filename)),
    values: sample.value.map(Number),
    labels: Object.fromEntries(sample.label.map(label => [text(label.key), text(label.str)])),
  }
})
console.log(JSON.stringify({
  firstString: strings[0],
  sampleTypes: profile.sampleType.map(type => [text(type.type), text(type.unit)]),
  defaultSampleType: text(profile.defaultSampleType),
  timeNanos: String(profile.timeNanos),
  durationNanos: String(profile.durationNanos),
  mappingFiles: profile.mapping.map(mapping => text(mapping.filename)),
  functions: profile.function.length,
  totals,
  samples,
}))
