// The form's optimizer list, in the CLI's syntax: optimizers separated by commas, each NAME or
// NAME:KEY=VALUE[:KEY=VALUE…], e.g. "gd, momentum, adam:beta1=0.8". Names and hyperparameters are
// checked by core's resolveOptimizer (through planSweep); this only splits the text.

import { parseDecimal, type OptimizerConfig, type OptimizerName } from '@losslab/core';

/** Parses an optimizer list; a string is the problem (naming the item and the text). */
export function parseOptimizerList(text: string): OptimizerConfig[] | string {
  const items = text.split(',').map((item) => item.trim());
  if (items.length === 1 && items[0] === '') return 'is empty: enter optimizers such as gd, momentum, adam:beta1=0.8';
  const list: OptimizerConfig[] = [];
  for (let k = 0; k < items.length; k++) {
    const [name = '', ...pairs] = items[k]!.split(':').map((part) => part.trim());
    if (name === '') return `optimizer ${k + 1}, ${JSON.stringify(items[k])}, has no name`;
    const config: Record<string, unknown> = { name };
    for (const pair of pairs) {
      const eq = pair.indexOf('=');
      const key = eq < 0 ? '' : pair.slice(0, eq).trim();
      const value = eq < 0 ? undefined : parseDecimal(pair.slice(eq + 1).trim().replace(/\u2212/g, '-'));
      if (key === '' || value === undefined) return `optimizer ${k + 1}: ${JSON.stringify(pair)} is not KEY=NUMBER`;
      config[key] = value;
    }
    list.push(pairs.length === 0 ? (name as OptimizerName) : (config as OptimizerConfig));
  }
  return list;
}

/** An optimizer list as the form shows it (the inverse of {@link parseOptimizerList}). */
export function formatOptimizerList(list: readonly OptimizerConfig[]): string {
  return list
    .map((config) => {
      if (typeof config === 'string') return config;
      const { name, ...rest } = config as { name: string } & Record<string, unknown>;
      return [name, ...Object.entries(rest).map(([key, value]) => `${key}=${String(value)}`)].join(':');
    })
    .join(', ');
}
