/** The daemon's default port (loopback only), shared by `serve` and `init --http`. */
export const DEFAULT_PORT = 7773;
