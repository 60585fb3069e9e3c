/** Every served request (control API excluded), in arrival order, with what was sent back. */
import type { RecordedRequest } from './api';

const MAX_RECORDS = 50_000;

export interface RequestFilter {
  path?: RegExp;
  method?: string;
}

export class RequestRecorder {
  private records: RecordedRequest[] = [];
  private seq = 0;

  nextSeq(): number {
    return ++this.seq;
  }

  add(record: RecordedRequest): void {
    this.records.push(record);
    if (this.records.length > MAX_RECORDS) { this.records.splice(0, this.records.length - MAX_RECORDS); }
  }

  list(filter: RequestFilter = {}): RecordedRequest[] {
    return this.records
      .filter((r) => (filter.method ? r.method.toUpperCase() === filter.method.toUpperCase() : true) && (filter.path ? filter.path.test(r.path) : true))
      .sort((a, b) => a.seq - b.seq);
  }

  clear(): void {
    this.records = [];
  }
}
