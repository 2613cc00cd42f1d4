// The formulas the views plot, as constant TeX written here (never user text), each with a plain
// text form shown until KaTeX has loaded and read by screen readers' fallback.

/** A formula: its TeX and its plain-text reading. */
export interface Formula {
  tex: string;
  text: string;
}

/** Every formula the app shows, by name. */
export const FORMULAS = Object.freeze({
  model: { tex: String.raw`\hat y = \sigma(z) = \frac{1}{1 + e^{-z}},\quad z = w x + b`, text: 'ŷ = σ(z) = 1/(1 + e^(−z)), z = wx + b' },
  fit: { tex: String.raw`t_\varepsilon = \min\{\, t : |\hat y_i(s) - y_i| \le \varepsilon \ \ \forall i,\ \forall s \ge t \,\}`, text: 'tε = the first epoch t from which every |ŷᵢ − yᵢ| ≤ ε' },
  excess: {
    tex: String.raw`L_{\mathrm{SE}} - \min L_{\mathrm{SE}} = \sum_i \tfrac12 (\hat y_i - y_i)^2,\qquad L_{\mathrm{CE}} - H(y) = \sum_i \mathrm{KL}(y_i \,\|\, \hat y_i)`,
    text: 'L_SE − min = Σ ½(ŷᵢ − yᵢ)²;  L_CE − H(y) = Σ KL(yᵢ ‖ ŷᵢ)',
  },
  surface: { tex: String.raw`L(w, b) - \min_{w,b} L,\quad \text{descent: } (w, b) \leftarrow (w, b) - \eta\, \nabla L(w, b)`, text: 'L(w, b) − min L; descent: (w, b) ← (w, b) − η ∇L(w, b)' },
  gradients: {
    tex: String.raw`\frac{\partial L_{\mathrm{SE}}}{\partial w} = \sum_i (\hat y_i - y_i)\,\hat y_i (1 - \hat y_i)\, x_i,\qquad \frac{\partial L_{\mathrm{CE}}}{\partial w} = \sum_i (\hat y_i - y_i)\, x_i`,
    text: '∂L_SE/∂w = Σ (ŷᵢ − yᵢ)·ŷᵢ(1 − ŷᵢ)·xᵢ;  ∂L_CE/∂w = Σ (ŷᵢ − yᵢ)·xᵢ',
  },
  whyCe: {
    tex: String.raw`\frac{\partial}{\partial z}\Big[-y \log \hat y - (1 - y)\log(1 - \hat y)\Big] = \Big(-\frac{y}{\hat y} + \frac{1 - y}{1 - \hat y}\Big)\,\underbrace{\hat y (1 - \hat y)}_{\sigma'(z)} = \hat y - y`,
    text: '∂/∂z [−y log ŷ − (1 − y) log(1 − ŷ)] = (−y/ŷ + (1 − y)/(1 − ŷ))·ŷ(1 − ŷ) = ŷ − y',
  },
  step: { tex: String.raw`w_{t+1} = w_t - \eta \frac{\partial L}{\partial w}(w_t, b_t),\qquad b_{t+1} = b_t - \eta \frac{\partial L}{\partial b}(w_t, b_t)`, text: 'w(t+1) = w(t) − η ∂L/∂w, b(t+1) = b(t) − η ∂L/∂b' },
  ratio: { tex: String.raw`\operatorname{median}\ \frac{t_\varepsilon^{\mathrm{SE}}}{t_\varepsilon^{\mathrm{CE}}}\ \text{over starts where both fit}`, text: 'median of tε(SE) ÷ tε(CE) over the starts where both fit' },
} satisfies Record<string, Formula>);

/** A formula's name. */
export type FormulaName = keyof typeof FORMULAS;
