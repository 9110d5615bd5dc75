import { searchTextOf, searchWords, wordsInName } from '../../functions/shared/domain/desk';

/**
 * The text a case is searched by words (design.md §9 "Search"): the description, and an organisation's name
 * (法人或者其他组织: not personal information), so that a word of a company's name finds it.
 */
describe('searchTextOf', () => {
  it('holds the description alone for a person (a person’s name is found only whole, by its keyed hash)', () => {
    expect(searchTextOf('请公开环境影响评价报告')).toBe('请公开环境影响评价报告');
  });

  it('holds an organisation’s name before its description, folded and lower-cased like the search words', () => {
    const text = searchTextOf('请公开ＡＢＣ项目的环评报告', ' 西华县华夏建材有限公司 ');

    expect(text).toBe('西华县华夏建材有限公司\n请公开abc项目的环评报告');
    for (const q of ['华夏建材', '西华县华夏建材有限公司', '华夏 建材', 'ABC 环评'])
      expect(searchWords(q).every((w) => text.includes(w))).toBe(true);
  });

  it('matches no word across the name and the description', () => {
    const text = searchTextOf('请公开环评报告', '华夏建材公司');

    expect(searchWords('公司请公开').every((w) => text.includes(w))).toBe(false);
  });
});

describe('wordsInName', () => {
  it.each([
    [['华夏建材'], true],
    [['华夏', '有限公司'], true],
    [['华夏', '环评'], false],
    [[], false],
  ])('says whether %j are all words of 西华县华夏建材有限公司 (%s)', (words, inName) => {
    expect(wordsInName(words, '西华县华夏建材有限公司')).toBe(inName);
  });
});
