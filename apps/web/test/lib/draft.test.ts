import { describe, expect, it } from 'vitest';
import { draftValue, fieldOfSpecIssue, listAxis, setDraftField, validateDraft, type SweepDraft } from '../../src/lib/draft.js';
import { presets, saturationSweep } from '../../src/lib/presets.js';

const base = saturationSweep.draft;
const withField = (...changes: [Parameters<typeof setDraftField>[1], string | boolean][]): SweepDraft => changes.reduce((d, [field, value]) => setDraftField(d, field, value), base);
const issuesOf = (draft: SweepDraft) => validateDraft(draft).issues;

describe('validateDraft', () => {
  it('plans every preset without an issue', () => {
    for (const preset of presets) {
      const v = validateDraft(preset.draft);
      expect(v.issues, preset.id).toEqual([]);
      expect(v.plan?.runCount, preset.id).toBeGreaterThan(0);
    }
  });

  it('plans the default sweep as 2 losses × 16 η × 32 × 32 starts = 32,768 runs', () => {
    const v = validateDraft(base);
    expect(v.plan?.runCount).toBe(32_768);
    expect(v.spec).toMatchObject({ version: 1, dataset: 'toy', losses: ['se', 'ce'], epochs: 1000, curve: 'none' });
    // The spec is plain JSON.
    expect(JSON.parse(JSON.stringify(v.spec))).toEqual(v.spec);
  });

  it('reports η = 0 in a list at the list field, naming the value', () => {
    const issues = issuesOf(withField(['eta.mode', 'list'], ['eta.list', '0.1, 0']));
    expect(issues).toEqual([{ field: 'eta.list', message: 'value 2 must be > 0, got 0' }]);
  });

  it('reports η = 0 as a range start at the From field', () => {
    const issues = issuesOf(withField(['eta.from', '0']));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ field: 'eta.from' });
    expect(issues[0]!.message).toMatch(/> 0, got 0/);
  });

  it('reports a value that is not a number at its field, quoting it', () => {
    expect(issuesOf(withField(['epochs', 'abc']))).toEqual([{ field: 'epochs', message: '"abc" is not a number' }]);
    expect(issuesOf(withField(['eta.mode', 'list'], ['eta.list', '1, x2']))).toEqual([{ field: 'eta.list', message: 'value 2, "x2", is not a number' }]);
  });

  it('reports an empty grid axis at its field', () => {
    const emptyList = issuesOf(withField(['init.w0.mode', 'list'], ['init.w0.list', '  ']));
    expect(emptyList).toEqual([{ field: 'init.w0.list', message: 'must have at least one value, got []' }]);
    const zeroCount = issuesOf(withField(['init.b0.count', '0']));
    expect(zeroCount).toHaveLength(1);
    expect(zeroCount[0]).toMatchObject({ field: 'init.b0.count' });
  });

  it('reports a CSV with a non-numeric cell at the CSV field with its line and column', () => {
    const issues = issuesOf(withField(['dataset.source', 'csv'], ['dataset.csvText', 'x,y\n0.5,0.2\n2.5,abc\n']));
    expect(issues).toEqual([{ field: 'dataset.csvText', message: 'line 3, column 2: "abc" is not a number' }]);
  });

  it('turns a valid CSV into inline points', () => {
    const v = validateDraft(withField(['dataset.source', 'csv'], ['dataset.csvName', 'two.csv'], ['dataset.csvText', 'x,y\n0.5,0.2\n2.5,0.9\n']));
    expect(v.issues).toEqual([]);
    expect(v.spec?.dataset).toEqual({ name: 'two.csv', x: [0.5, 2.5], y: [0.2, 0.9] });
  });

  it('a multi-feature CSV becomes one row per point, the same object at every later validation of the same text and name', () => {
    const text = 'a,b,y\n1,2,0\n-3,4.5,1\n';
    const csv = withField(['dataset.source', 'csv'], ['dataset.csvName', 'f.csv'], ['dataset.csvText', text]);
    const first = validateDraft(csv).spec?.dataset;
    expect(first).toEqual({ name: 'f.csv', x: [[1, 2], [-3, 4.5]], y: [0, 1] });
    // Another field typed: the inline points are not rebuilt (they were, at every keystroke).
    const again = validateDraft(setDraftField(csv, 'epochs', '77')).spec?.dataset;
    expect(again).toBe(first);
    expect(Object.isFrozen(again)).toBe(true);
    // A new name or a new text gives new points.
    const renamed = validateDraft(setDraftField(csv, 'dataset.csvName', 'g.csv')).spec?.dataset;
    expect(renamed).toEqual({ name: 'g.csv', x: [[1, 2], [-3, 4.5]], y: [0, 1] });
    const edited = validateDraft(setDraftField(csv, 'dataset.csvText', `${text}0,0,0.5\n`)).spec?.dataset;
    expect(edited).toEqual({ name: 'f.csv', x: [[1, 2], [-3, 4.5], [0, 0]], y: [0, 1, 0.5] });
  });

  it('reports no loss chosen, and a bad generator size at its field', () => {
    expect(issuesOf(withField(['losses.se', false], ['losses.ce', false]))).toEqual([{ field: 'losses', message: 'choose at least one loss' }]);
    const issues = issuesOf(withField(['dataset.source', 'generated'], ['dataset.n', '0']));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ field: 'dataset.n' });
  });

  it('reports every problem at once', () => {
    const fields = issuesOf(withField(['epochs', ''], ['tolerance', '-1'], ['eta.count', '2.5'])).map((i) => i.field);
    expect(fields.sort()).toEqual(['epochs', 'eta.count', 'tolerance']);
  });

  it('refuses a sweep past the browser caps at the run count', () => {
    const issues = issuesOf(withField(['init.w0.count', '2000'], ['init.b0.count', '2000']));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.field).toBe('runs');
    expect(issues[0]!.message).toMatch(/128000000 runs/);
  });
});

describe('setDraftField', () => {
  it('returns a new draft and leaves the old one alone', () => {
    const next = setDraftField(base, 'eta.from', '0.5');
    expect(draftValue(next, 'eta.from')).toBe('0.5');
    expect(draftValue(base, 'eta.from')).toBe('0.01');
    expect(next.init).toBe(base.init);
  });

  it('refuses unknown fields, wrong types and unknown choices', () => {
    expect(() => setDraftField(base, 'eta.nope' as never, '1')).toThrow(TypeError);
    expect(() => setDraftField(base, 'losses.se', 'yes')).toThrow(TypeError);
    expect(() => setDraftField(base, 'reduction', 'median')).toThrow(RangeError);
  });
});

describe('fieldOfSpecIssue', () => {
  it('maps planSweep issue paths back to form fields', () => {
    const list = { ...base, eta: listAxis([1]) };
    expect(fieldOfSpecIssue(['eta', 3], list)).toBe('eta.list');
    expect(fieldOfSpecIssue(['eta'], list)).toBe('eta.list');
    expect(fieldOfSpecIssue(['init', 'w0', 'count'], base)).toBe('init.w0.count');
    expect(fieldOfSpecIssue(['memory'], base)).toBe('runs');
    expect(fieldOfSpecIssue(['losses', 1], base)).toBe('losses');
    expect(fieldOfSpecIssue(['init', 'parameter'], base)).toBe('init.parameter');
    expect(fieldOfSpecIssue(['eta', 'step'], base)).toBe('form');
  });

  it("maps a generator option's issue to its field by path (no message read)", () => {
    const generated = validateDraft({ ...base, dataset: { ...base.dataset, source: 'generated', generator: 'two-classes', noise: '-1' } });
    expect(generated.issues.map((issue) => issue.field)).toEqual(['dataset.noise']);
    expect(fieldOfSpecIssue(['dataset', 'separation'], { ...base, dataset: { ...base.dataset, source: 'generated' } })).toBe('dataset.separation');
  });
});
