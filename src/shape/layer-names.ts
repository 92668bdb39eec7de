/** Automatic layer names as Keras gives them: the first "conv2d", then "conv2d_1", "conv2d_2"… */
export class LayerNames {
  private readonly counts = new Map<string, number>();

  next(prefix: string): string {
    const n = this.counts.get(prefix) ?? 0;
    this.counts.set(prefix, n + 1);
    return n === 0 ? prefix : `${prefix}_${n}`;
  }
}
