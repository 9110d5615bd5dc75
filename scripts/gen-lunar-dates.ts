/**
 * Writes `functions/shared/domain/lunar-dates.generated.ts`, the lunar and solar-term dates of the provisional
 * holidays for 2000–2099, computed by `chinese-days` (issue 17). Re-run after upgrading `chinese-days` when
 * `test/unit/lunar-dates.test.ts` says the table no longer matches:
 *
 *   npm run gen:lunar
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { generatedModule } from './lunar-dates';

const target = path.join(__dirname, '..', 'functions', 'shared', 'domain', 'lunar-dates.generated.ts');
writeFileSync(target, generatedModule());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
