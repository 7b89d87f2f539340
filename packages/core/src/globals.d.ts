// The one web-platform global the core uses; declared here so that the core compiles without DOM or Node typings,
// which keeps I/O APIs out of reach.
declare class URL {
  constructor(url: string, base?: string);
  readonly protocol: string;
  readonly hostname: string;
  readonly username: string;
  readonly password: string;
  readonly origin: string;
  readonly href: string;
}
