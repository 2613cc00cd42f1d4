// The elements that show a sweep's results, loaded as one chunk after the app's first render: none
// of them is on the first screen (the presets, the first look and the form are), so they stay out
// of the initial JavaScript (the bundle test's budget); results-views-loader.ts imports this module
// (the only place that does). ll-app renders their tags from the start;
// Lit keeps the properties it sets before an element is defined and applies them on upgrade.

import './ll-curves-section.js';
import './ll-heatmaps-section.js';
import './ll-run-controls.js';
import './ll-split-section.js';
import './ll-step-section.js';
import './ll-summary-section.js';
import './ll-surfaces-section.js';
import './ll-who-wins.js';
