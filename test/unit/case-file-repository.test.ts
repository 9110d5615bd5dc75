/**
 * The case file's store port through its in-memory twin (design.md §9 Attachments): the 30 places of a case,
 * completion once, the pending uploads the sweep finds, and the sweep itself removing the uploads never completed.
 */
import { STALE_UPLOAD_MS, sweepStaleUploads } from '../../functions/shared/case-file/attachments';
import { attachmentKey } from '../../functions/shared/files/case-files';
import {
  makeInMemoryCaseFileRepository,
  type AttachmentRecord,
} from '../../functions/shared/store/case-file-repository';

const NOW = new Date('2025-03-03T02:00:00Z');
const minutesBefore = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();

function attachment(attachmentId: string, createdAt: string, caseId = 'case-1'): AttachmentRecord {
  return {
    caseId,
    attachmentId,
    fileName: `${attachmentId}.pdf`,
    contentType: 'application/pdf',
    type: 'pdf',
    size: 1000,
    purpose: 'reply',
    forApplicant: true,
    uploadedBy: 'staff',
    status: 'pending',
    createdAt,
  };
}

/** The bucket's objects by key, with the one operation the sweep uses. */
function bucket(keys: string[]) {
  const objects = new Set(keys);
  return { objects, remove: async (key: string) => void objects.delete(key) };
}

describe('the case-file repository twin', () => {
  it('gives a case at most its places, and a place back when a file goes', async () => {
    // Arrange
    const files = makeInMemoryCaseFileRepository();

    // Act
    const taken = [];
    for (let i = 0; i < 4; i += 1) taken.push(await files.takeAttachmentPlace('case-1', 3));
    await files.giveBackAttachmentPlace('case-1');
    const afterGivingBack = await files.takeAttachmentPlace('case-1', 3);

    // Assert
    expect(taken).toEqual([true, true, true, false]);
    expect(afterGivingBack).toBe(true);
    await expect(files.takeAttachmentPlace('case-2', 3)).resolves.toBe(true);
  });

  it('completes an upload once, and lists as pending only the uploads neither completed nor removed', async () => {
    // Arrange
    const files = makeInMemoryCaseFileRepository();
    await files.createAttachment(attachment('done', minutesBefore(120)));
    await files.createAttachment(attachment('abandoned', minutesBefore(90)));
    await files.createAttachment(attachment('removed', minutesBefore(80)));
    await files.createAttachment(attachment('recent', minutesBefore(5)));

    // Act
    const first = await files.completeAttachment('case-1', 'done', 1234, minutesBefore(119));
    const second = await files.completeAttachment('case-1', 'done', 1234, minutesBefore(118));
    await files.deleteAttachment('case-1', 'removed');
    const pending = await files.listPendingUploads(minutesBefore(60));

    // Assert
    expect([first, second]).toEqual([true, false]);
    expect(await files.getAttachment('case-1', 'done')).toMatchObject({ status: 'available', size: 1234 });
    expect(pending.map((p) => p.attachmentId)).toEqual(['abandoned']);
    expect((await files.listAttachments('case-1')).map((a) => a.attachmentId)).toEqual(['done', 'abandoned', 'recent']);
  });

  it('refuses a second number for a document and numbers an agency-year without gaps', async () => {
    // Arrange
    const files = makeInMemoryCaseFileRepository();
    const claim = { caseId: 'case-1', documentId: 'reply-5', kind: 'reply' as const, eventSeq: 5 };
    const doc = { ...claim, issuedOn: '2025-03-03', title: '答复书', forApplicant: true, createdAt: NOW.toISOString() };

    // Act
    const claims = [await files.claimDocument(doc), await files.claimDocument(doc)];
    const numbers = [
      await files.nextLetterSequence('niedui-town', 2025),
      await files.nextLetterSequence('niedui-town', 2025),
      await files.nextLetterSequence('niedui-town', 2026),
    ];
    await files.setNumber('case-1', 'reply-5', '聂政公开〔2025〕1号');

    // Assert
    expect(claims).toEqual([true, false]);
    expect(numbers).toEqual([1, 2, 1]);
    await expect(files.setNumber('case-1', 'reply-5', '聂政公开〔2025〕2号')).rejects.toThrow();
    expect(await files.getDocument('case-1', 'reply-5')).toMatchObject({ number: '聂政公开〔2025〕1号', ready: false });
  });
});

describe('the sweep of uploads never completed', () => {
  it('removes an upload announced over an hour ago and never completed: object, record and place', async () => {
    // Arrange: an abandoned upload whose bytes arrived, one that never sent a byte, a completed one, a recent one
    const files = makeInMemoryCaseFileRepository();
    const storage = bucket([
      attachmentKey('case-1', 'abandoned'),
      attachmentKey('case-1', 'done'),
      attachmentKey('case-1', 'recent'),
    ]);
    for (const [id, minutes] of [
      ['abandoned', STALE_UPLOAD_MS / 60_000 + 1],
      ['never-sent', 24 * 60],
      ['done', 24 * 60],
      ['recent', 30],
    ] as const) {
      await files.takeAttachmentPlace('case-1', 30);
      await files.createAttachment(attachment(id, minutesBefore(minutes)));
    }
    await files.completeAttachment('case-1', 'done', 1000, minutesBefore(24 * 60 - 1));

    // Act
    const result = await sweepStaleUploads({ files, storage }, NOW);
    const again = await sweepStaleUploads({ files, storage }, NOW);

    // Assert: the two stale uploads are gone with their places; the completed and the recent one stay
    expect(result).toEqual({ removed: 2 });
    expect(again).toEqual({ removed: 0 });
    expect((await files.listAttachments('case-1')).map((a) => a.attachmentId)).toEqual(['done', 'recent']);
    expect([...storage.objects]).toEqual([attachmentKey('case-1', 'done'), attachmentKey('case-1', 'recent')]);
    const places = [];
    for (let i = 0; i < 29; i += 1) places.push(await files.takeAttachmentPlace('case-1', 30));
    expect(places.filter(Boolean)).toHaveLength(28);
  });
});
