// The app's entry: defines <ll-app> (and, through it, every element).
import './components/ll-app.js';
