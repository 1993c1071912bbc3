// Sabaki's own GTP library (@sabaki/gtp) drives `tengen gtp` the way the
// Sabaki GUI does: a Controller spawns the engine, commands go out without
// ids (one with an id), and analysis lines arrive through the subscriber of
// sendCommand while the command is still running; the next command ends the
// stream. Every reply is checked; the first mismatch exits with status 1.
//
// Usage: node sabaki_e2e.js <path to tengen> <model file>
// Plain CommonJS for Debian 12's Node.js 18.
'use strict'

const assert = require('assert')
const {Controller} = require('@sabaki/gtp')

const SIZE = 9
const COLUMNS = 'ABCDEFGHJ' // GTP skips I
const STEP_TIMEOUT_MS = 20000

const [tengenPath, modelPath] = process.argv.slice(2)
if (!tengenPath || !modelPath) {
  console.error('usage: node sabaki_e2e.js <path to tengen> <model file>')
  process.exit(2)
}

const VERTICES = []
for (let row = SIZE; row >= 1; row--)
  for (const column of COLUMNS) VERTICES.push(column + row)

function isVertex(text) {
  return VERTICES.includes(text.toUpperCase())
}

// Rejects if `promise` takes longer than the step timeout.
function withTimeout(promise, what) {
  let timer
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timed out after ${STEP_TIMEOUT_MS} ms: ${what}`)),
      STEP_TIMEOUT_MS
    )
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

// Tengen's showboard as a map from vertex to 'X' (black), 'O' (white) or
// '.', from the rows "<row> <points> <row>".
function parseBoard(content) {
  const board = new Map()
  for (const line of content.split('\n')) {
    const words = line.trim().split(/\s+/)
    const row = Number(words[0])
    if (!/^\d+$/.test(words[0])) continue
    assert.strictEqual(words.length >= SIZE + 2, true, `short board row: ${line}`)
    assert.strictEqual(Number(words[SIZE + 1]), row, `board row: ${line}`)
    for (let c = 0; c < SIZE; c++) {
      assert.ok('XO.'.includes(words[c + 1]), `board point: ${line}`)
      board.set(COLUMNS[c] + row, words[c + 1])
    }
  }
  assert.strictEqual(board.size, SIZE * SIZE, `board:\n${content}`)
  return board
}

function stonesOf(board) {
  const stones = {}
  for (const [vertex, point] of board) if (point !== '.') stones[vertex] = point
  return stones
}

// One analysis line, "info move D4 visits 12 winrate 5123 prior 2201 lcb
// 5000 order 0 pv D4 C3 info move ...", split into candidates the way
// Sabaki reads them: key-value pairs, with pv taking the rest of its
// candidate. Values of the integer keys must be integers.
function parseInfoLine(line) {
  assert.ok(line.startsWith('info '), `analysis line: ${line}`)
  return line
    .split(/\s*info\s+/)
    .slice(1)
    .map(candidate => {
      const words = candidate.trim().split(/\s+/)
      const entry = {}
      for (let i = 0; i < words.length; i += 2) {
        if (words[i] === 'pv') {
          entry.pv = words.slice(i + 1)
          break
        }
        entry[words[i]] = words[i + 1]
      }
      for (const key of ['visits', 'winrate', 'prior', 'lcb', 'order']) {
        assert.ok(/^-?\d+$/.test(entry[key]), `${key} in: info ${candidate}`)
        entry[key] = Number(entry[key])
      }
      return entry
    })
}

// Checks one analysis line against the position: every legal move (the
// empty points and pass) once, in order, with sane numbers.
function checkAnalysis(line, board) {
  const candidates = parseInfoLine(line)
  const expected = VERTICES.filter(v => board.get(v) === '.').concat(['PASS'])
  const moves = candidates.map(c => c.move.toUpperCase())
  assert.deepStrictEqual(
    [...moves].sort(),
    [...expected].sort(),
    'analysis lists every legal move once'
  )
  let priorSum = 0
  candidates.forEach((c, i) => {
    assert.strictEqual(c.order, i, `order of ${c.move}`)
    assert.ok(c.visits >= 1, `visits of ${c.move}`)
    if (i > 0) assert.ok(c.visits <= candidates[i - 1].visits, `sorted by visits at ${c.move}`)
    for (const key of ['winrate', 'prior', 'lcb'])
      assert.ok(c[key] >= 0 && c[key] <= 10000, `${key} of ${c.move}: ${c[key]}`)
    assert.ok(c.pv.length >= 1 && c.pv[0] === c.move, `pv of ${c.move} starts with it`)
    priorSum += c.prior
  })
  // Priors are probabilities x 10000, each rounded.
  assert.ok(Math.abs(priorSum - 10000) <= candidates.length, `priors sum to ${priorSum}`)
  return candidates
}

// Checks one analysis line of a search: moves legal and listed once, in
// order, most visited first, with sane numbers. Returns the visits in all.
function checkSearchAnalysis(line, board) {
  const candidates = parseInfoLine(line)
  const legal = new Set(VERTICES.filter(v => board.get(v) === '.').concat(['PASS']))
  const moves = candidates.map(c => c.move.toUpperCase())
  assert.strictEqual(new Set(moves).size, moves.length, `a move listed twice: ${line}`)
  let visits = 0
  candidates.forEach((c, i) => {
    assert.ok(legal.has(c.move.toUpperCase()), `${c.move} is legal`)
    assert.strictEqual(c.order, i, `order of ${c.move}`)
    assert.ok(c.visits >= 1, `visits of ${c.move}`)
    if (i > 0) assert.ok(c.visits <= candidates[i - 1].visits, `sorted by visits at ${c.move}`)
    for (const key of ['winrate', 'prior', 'lcb'])
      assert.ok(c[key] >= 0 && c[key] <= 10000, `${key} of ${c.move}: ${c[key]}`)
    assert.ok(c.pv.length >= 1 && c.pv[0] === c.move, `pv of ${c.move} starts with it`)
    visits += c.visits
  })
  return visits
}

async function main() {
  const stderr = []
  // The policy engine first (no search: every legal move listed, lines
  // repeat); tengen-visits turns the search on near the end.
  const controller = new Controller(tengenPath, ['gtp', '--model', modelPath, '--visits', '0'])
  controller.on('stderr', ({content}) => stderr.push(content))
  // 'stopped' calls it signal, but passes the exit code (the first argument
  // of the child process's 'exit' event).
  let exitCode = null
  const stopped = new Promise(resolve =>
    controller.once('stopped', ({signal}) => resolve((exitCode = signal)))
  )
  controller.start()

  const log = []
  async function send(name, args = [], subscriber = undefined, id = null) {
    const command = {id, name, args}
    const response = await withTimeout(
      controller.sendCommand(command, subscriber),
      `${name} ${args.join(' ')}`
    )
    const reply = `${response.error ? '?' : '='} ${response.content}`
    const shown = reply.length > 300 ? reply.slice(0, 300) + '...' : reply
    log.push(`${name} ${args.join(' ')} -> ${shown}`)
    return response
  }
  async function ok(name, args = []) {
    const response = await send(name, args)
    assert.strictEqual(response.error, false, `${name} ${args.join(' ')}: ${response.content}`)
    return response.content
  }

  try {
    assert.strictEqual(await ok('protocol_version'), '2')
    assert.strictEqual(await ok('name'), 'Tengen')
    // Lizzie wants "x.y" with y >= 15.
    const version = await ok('version')
    assert.ok(/^\d+\.\d+$/.test(version) && Number(version.split('.')[1]) >= 15, version)
    const withId = await send('name', [], undefined, 42)
    assert.deepStrictEqual(withId, {id: 42, content: 'Tengen', error: false})

    // list_commands: one a line, no repeats, the ones Sabaki uses.
    const commands = (await ok('list_commands')).split('\n')
    assert.strictEqual(new Set(commands).size, commands.length, 'list_commands repeats')
    for (const name of [
      'protocol_version', 'name', 'version', 'known_command', 'list_commands', 'quit',
      'boardsize', 'clear_board', 'komi', 'play', 'genmove', 'undo', 'showboard',
      'fixed_handicap', 'set_free_handicap', 'time_settings', 'analyze', 'genmove_analyze',
      'lz-analyze', 'kata-analyze', 'final_score', 'loadsgf'
    ])
      assert.ok(commands.includes(name), `list_commands lacks ${name}`)
    assert.strictEqual(await ok('known_command', ['lz-analyze']), 'true')
    assert.strictEqual(await ok('known_command', ['frobnicate']), 'false')

    assert.strictEqual(await ok('boardsize', [String(SIZE)]), '')
    assert.strictEqual(await ok('clear_board'), '')
    assert.strictEqual(await ok('play', ['B', 'E5']), '')
    const white = (await ok('genmove', ['W'])).toUpperCase()
    assert.ok(isVertex(white) && white !== 'E5', `genmove W: ${white}`)

    const twoStones = parseBoard(await ok('showboard'))
    assert.deepStrictEqual(stonesOf(twoStones), {E5: 'X', [white]: 'O'})

    // Streaming analysis, as Sabaki runs it: lines come through the
    // subscriber while the command runs; sending the next command ends it.
    const infoLines = []
    let gotThree
    const threeLines = new Promise(resolve => (gotThree = resolve))
    const analysis = send('lz-analyze', ['B', '10'], ({line}) => {
      if (line.startsWith('info')) infoLines.push(line)
      if (infoLines.length === 3) gotThree()
    })
    await withTimeout(threeLines, 'three lz-analyze lines, 10 centiseconds apart')
    const interrupt = send('name') // any command stops the analysis
    const analysisResponse = await analysis
    assert.strictEqual(analysisResponse.error, false, analysisResponse.content)
    assert.strictEqual((await interrupt).content, 'Tengen')
    assert.ok(infoLines.length >= 3)
    const first = checkAnalysis(infoLines[0], twoStones)
    for (const line of infoLines.slice(1))
      assert.deepStrictEqual(checkAnalysis(line, twoStones), first, 'no search: lines repeat')
    // The whole response holds the same lines.
    const responseLines = analysisResponse.content.split('\n').filter(l => l.startsWith('info'))
    assert.deepStrictEqual(responseLines, infoLines)

    // genmove_analyze, as Sabaki plays with analysis on: info, then the move.
    const genmoveLines = []
    const genmove = await send('genmove_analyze', ['B', '10'], ({line}) => {
      if (line !== '') genmoveLines.push(line)
    })
    assert.strictEqual(genmove.error, false, genmove.content)
    const played = genmoveLines[genmoveLines.length - 1].match(/^play (\S+)$/)
    assert.ok(played && isVertex(played[1]), `genmove_analyze ends: ${genmoveLines.join('\n')}`)
    checkAnalysis(genmoveLines.find(l => l.startsWith('info')), twoStones)
    const black = played[1].toUpperCase()
    assert.deepStrictEqual(stonesOf(parseBoard(await ok('showboard'))), {
      E5: 'X',
      [white]: 'O',
      [black]: 'X'
    })

    // An error: the point is taken.
    const illegal = await send('play', ['B', 'E5'])
    assert.deepStrictEqual(illegal, {id: null, content: 'illegal move', error: true})
    const unknown = await send('frobnicate')
    assert.deepStrictEqual(unknown, {id: null, content: 'unknown command', error: true})

    // undo takes back the moves one by one, then refuses.
    assert.strictEqual(await ok('undo'), '')
    assert.deepStrictEqual(stonesOf(parseBoard(await ok('showboard'))), stonesOf(twoStones))
    assert.strictEqual(await ok('undo'), '')
    assert.deepStrictEqual(stonesOf(parseBoard(await ok('showboard'))), {E5: 'X'})
    assert.strictEqual(await ok('undo'), '')
    assert.deepStrictEqual(await send('undo'), {id: null, content: 'cannot undo', error: true})

    // With search: lines of the running search, growing until the next command.
    assert.strictEqual(await ok('tengen-visits', ['16']), '')
    const searchLines = []
    let gotThreeSearch
    const threeSearchLines = new Promise(resolve => (gotThreeSearch = resolve))
    const searching = send('lz-analyze', ['B', '10'], ({line}) => {
      if (line.startsWith('info')) searchLines.push(line)
      if (searchLines.length === 3) gotThreeSearch()
    })
    await withTimeout(threeSearchLines, 'three lz-analyze lines of the search')
    const stop = send('name')
    assert.strictEqual((await searching).error, false)
    assert.strictEqual((await stop).content, 'Tengen')
    const empty = parseBoard(await ok('showboard'))
    let previous = 0
    for (const line of searchLines) {
      const visits = checkSearchAnalysis(line, empty)
      assert.ok(visits >= previous, 'the search grows')
      previous = visits
    }
    const searchedMove = await send('genmove_analyze', ['B', '10'], ({line}) => {
      if (line.startsWith('info')) checkSearchAnalysis(line, empty)
    })
    assert.strictEqual(searchedMove.error, false, searchedMove.content)
    assert.ok(/(^|\n)play \S+$/.test(searchedMove.content), searchedMove.content)

    assert.strictEqual(await ok('quit'), '')
    assert.strictEqual(await withTimeout(stopped, 'the engine to exit after quit'), 0)
    console.log(`sabaki_e2e: ${log.length} commands answered as expected`)
  } catch (err) {
    console.error(`sabaki_e2e: FAILED: ${err.message}`)
    console.error('the last commands:\n  ' + log.slice(-12).join('\n  '))
    console.error('tengen stderr:\n  ' + stderr.slice(-20).join('\n  '))
    if (exitCode === null) await controller.kill()
    process.exitCode = 1
  }
}

main()
