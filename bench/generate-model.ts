/** A Keras Sequential model of `layers` layers (Dense and Dropout alternating), as a user would paste it. */
export function generatedKerasModel(layers: number): string {
  const lines = [
    "from tensorflow import keras",
    "from tensorflow.keras import layers",
    "",
    "model = keras.Sequential([",
    "    layers.Dense(32, input_shape=(64,)),",
  ];
  for (let i = 1; i < layers; i++) {
    if (i % 2 === 1)
      lines.push(`    layers.Dense(${32 + (i % 7)}, activation='relu', name='dense_block_${i}'),`);
    else lines.push(`    layers.Dropout(0.1, name='dropout_block_${i}'),`);
  }
  lines.push("])", "model.summary()", "");
  return lines.join("\n");
}
