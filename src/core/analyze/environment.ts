import type { PathClass } from "./effect.ts";

/**
 * Everything about the machine and session the analyzer needs, passed in so analysis stays pure:
 * the same inputs always give the same effects.
 */
export interface AnalysisEnv {
  cwd: string;
  home: string;
  workspaceRoots: string[];
  tempDirs: string[];
  /** Absolute paths the agent created earlier in this session. */
  sessionPaths: ReadonlySet<string>;
  /** Contents of files the agent wrote this session, so running them can be judged by content. */
  sessionScripts: ReadonlyMap<string, string>;
  /** Glob patterns (picomatch) per class, from the policy's environment section. */
  secretGlobs: string[];
  protectedGlobs: string[];
  /** Variables known at analysis time ($HOME, $PWD and those the policy sets). */
  vars: Readonly<Record<string, string>>;
  /** Where a path really leads once symlinks are followed (undefined: nothing of it exists). Only the hook can know. */
  realPath?: (absPath: string) => string | undefined;
  /** Is this program installed in the project's node_modules/.bin? Only the hook can know. */
  hasLocalBin?: (name: string) => boolean;
  /** Does the git work tree at this folder have no uncommitted changes (tracked or untracked)? Only the hook can know. */
  workTreeClean?: (cwd: string) => boolean | undefined;
}

export type ClassifyPath = (absPath: string) => PathClass;
