// @vitest-environment node
// Every pending changeset must parse as changesets reads it at release time: a formatter once
// turned one's front matter into a Markdown heading, and `changeset version` would have failed.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import parse from '@changesets/parse';
import { describe, expect, it } from 'vitest';

const dir = path.resolve(import.meta.dirname, '../../.changeset');
const published = readdirSync(path.resolve(import.meta.dirname, '../../packages')).flatMap(
  (name) => {
    const file = path.resolve(import.meta.dirname, '../../packages', name, 'package.json');
    try {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as {
        name: string;
        private?: boolean;
      };
      return manifest.private ? [] : [manifest.name];
    } catch {
      return [];
    }
  },
);
const files = readdirSync(dir).filter((file) => file.endsWith('.md') && file !== 'README.md');

describe('pending changesets', () => {
  it.each(files)('%s names published packages with a bump and says what changed', (file) => {
    const { releases, summary } = parse(readFileSync(path.join(dir, file), 'utf8'));
    expect(releases.length).toBeGreaterThan(0);
    for (const release of releases) {
      expect(published).toContain(release.name);
      expect(['patch', 'minor', 'major']).toContain(release.type);
    }
    expect(summary.trim().length).toBeGreaterThan(20);
  });
});
