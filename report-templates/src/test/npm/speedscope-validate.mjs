// Validates speedscope files against the file-format schema the speedscope package ships; prints "valid FILE" per
// file, or the schema's errors and exits 1. Usage: node speedscope-validate.mjs FILE...
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import Ajv from 'ajv'

const require = createRequire(import.meta.url)
const schema = JSON.parse(readFileSync(require.resolve('speedscope/dist/release/file-format-schema.json'), 'utf8'))
const validate = new Ajv({ allErrors: true }).compile(schema)
let failed = false
for (const file of process.argv.slice(2)) {
  if (validate(JSON.parse(readFileSync(file, 'utf8')))) {
    console.log('valid ' + file)
  } else {
    failed = true
    console.log('invalid ' + file + ': ' + JSON.stringify(validate.errors.slice(0, 10)))
  }
}
process.exit(failed ? 1 : 0)
