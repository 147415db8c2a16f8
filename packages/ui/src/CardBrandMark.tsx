import type { CardBrand } from '@savedcards/core';
import { forwardRef, type HTMLAttributes } from 'react';
import { cn } from './cn.js';

export interface CardBrandMarkProps extends Omit<HTMLAttributes<HTMLSpanElement>, 'children'> {
  brand: CardBrand;
}

/**
 * A decorative brand mark (`aria-hidden`): the card's accessible name already says the brand. One
 * empty element, drawn by styles.css (a 32×20 image per brand, no network request, no trademark
 * artwork), so a list of a thousand cards does not build a thousand SVG trees.
 * @selector [data-slot="card-brand-mark"][data-brand="visa" | "mastercard" | …]
 */
export const CardBrandMark = forwardRef<HTMLSpanElement, CardBrandMarkProps>(function CardBrandMark(
  { brand, className, ...props },
  ref,
) {
  return (
    <span
      ref={ref}
      aria-hidden="true"
      data-slot="card-brand-mark"
      data-brand={brand}
      className={cn('sc-card-brand-mark', className)}
      {...props}
    />
  );
});
