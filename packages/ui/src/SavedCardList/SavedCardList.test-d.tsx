// Type tests: checked by `tsc` (CI's typecheck step), never run.
import type { SavedCard } from '@savedcards/core';
import { createRef } from 'react';
import { expectTypeOf } from 'vitest';
import { SavedCardList, SavedCardListItem, type SavedCardListItemProps } from '../index.js';

declare const card: SavedCard;

export function Parts() {
  expectTypeOf(SavedCardList.Item).toEqualTypeOf(SavedCardListItem);
  expectTypeOf<SavedCardListItemProps['card']>().toEqualTypeOf<SavedCard>();
  const numberRef = createRef<HTMLSpanElement>();
  return (
    <>
      {/* @ts-expect-error: the parts take their own props only */}
      <SavedCardList.Root bogusProp={123} />
      {/* @ts-expect-error: an item needs its card */}
      <SavedCardList.Item />
      {/* @ts-expect-error: a badge's variant is one of the known ones */}
      <SavedCardList.Badge variant="gold" />
      <SavedCardList.Root value="tok" onValueChange={(token) => expectTypeOf(token).toBeString()}>
        <SavedCardList.Row asChild>
          <li>
            <SavedCardList.Item card={card}>
              <SavedCardList.Number ref={numberRef} asChild>
                <strong />
              </SavedCardList.Number>
              <SavedCardList.Badge variant="expiring" />
            </SavedCardList.Item>
          </li>
        </SavedCardList.Row>
      </SavedCardList.Root>
      {/* @ts-expect-error: value is a token (or null), not a card */}
      <SavedCardList value={card} />
      <SavedCardList
        onOutcome={(outcome) => {
          if (outcome.type === 'remove-failed') {
            expectTypeOf(outcome.error.message).toBeString();
          }
        }}
      />
    </>
  );
}
