import { describe, expect, it } from 'vitest';
import { coldCopy } from '../../../src/migration/cold.js';
import { snapshotUpload } from '../../../src/migration/snapshot.js';

describe('cold migration disk copy', () => {
  it('copies the whole disk at the bandwidth', () => {
    expect(coldCopy({ diskGb: 80, bandwidthMbS: 1250, sharedStorage: false, volumeBacked: false })).toEqual({ seconds: 65.536, dataMb: 81920 });
  });

  it('copies nothing on shared storage or for a volume-backed server', () => {
    expect(coldCopy({ diskGb: 80, bandwidthMbS: 1250, sharedStorage: true, volumeBacked: false })).toEqual({ seconds: 0, dataMb: 0 });
    expect(coldCopy({ diskGb: 80, bandwidthMbS: 1250, sharedStorage: false, volumeBacked: true })).toEqual({ seconds: 0, dataMb: 0 });
  });
});

describe('shelve snapshot upload', () => {
  it('uploads the disk over the link to the image service', () => {
    expect(snapshotUpload({ diskGb: 20, linkGbps: 10, volumeBacked: false })).toEqual({ seconds: 16, dataMb: 20480 });
  });

  it('uploads nothing for a volume-backed server', () => {
    expect(snapshotUpload({ diskGb: 20, linkGbps: 10, volumeBacked: true })).toEqual({ seconds: 0, dataMb: 0 });
  });
});
