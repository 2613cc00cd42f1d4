// The version the app writes into result files (`"losslab": …`), as `losslab sweep` writes the
// CLI's: the same for both while they share a release (a test checks it against package.json).

/** @losslab/web's version. */
export const APP_VERSION = '0.1.0';
