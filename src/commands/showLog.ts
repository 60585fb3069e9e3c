import { ext } from '../ext';

export function showLog(): void {
  ext().log.show(true);
}
