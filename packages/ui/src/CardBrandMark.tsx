import type { CardBrand } from '@savedcards/core';
import { forwardRef, type SVGProps } from 'react';

// Simplified, inline marks: no network request, no trademark artwork, readable at 32×20.
const MARKS: Record<Exclude<CardBrand, 'mastercard'>, { bg: string; fg: string; text: string }> = {
  visa: { bg: '#1a1f71', fg: '#ffffff', text: 'VISA' },
  amex: { bg: '#1f72cd', fg: '#ffffff', text: 'AMEX' },
  unionpay: { bg: '#d7182a', fg: '#ffffff', text: 'UP' },
  jcb: { bg: '#0b4ea2', fg: '#ffffff', text: 'JCB' },
  discover: { bg: '#ffffff', fg: '#e55c20', text: 'DISC' },
  diners: { bg: '#004a97', fg: '#ffffff', text: 'DC' },
  unknown: { bg: '#6b7280', fg: '#ffffff', text: '' },
};

export interface CardBrandMarkProps extends Omit<SVGProps<SVGSVGElement>, 'children' | 'ref'> {
  brand: CardBrand;
}

/** A decorative brand mark (`aria-hidden`): the card's accessible name already says the brand. */
export const CardBrandMark = forwardRef<SVGSVGElement, CardBrandMarkProps>(function CardBrandMark(
  { brand, ...props },
  ref,
) {
  const mark = brand === 'mastercard' ? null : MARKS[brand];
  return (
    <svg
      ref={ref}
      viewBox="0 0 32 20"
      width={32}
      height={20}
      aria-hidden="true"
      focusable="false"
      data-slot="card-brand-mark"
      data-brand={brand}
      {...props}
    >
      {mark === null ? (
        <>
          <rect width="32" height="20" rx="3" fill="#252525" />
          <circle cx="13" cy="10" r="6" fill="#eb001b" />
          <circle cx="19" cy="10" r="6" fill="#f79e1b" fillOpacity="0.9" />
        </>
      ) : (
        <>
          <rect width="32" height="20" rx="3" fill={mark.bg} stroke="#d1d5db" strokeWidth="0.5" />
          {mark.text ? (
            <text
              x="16"
              y="13.5"
              textAnchor="middle"
              fontFamily="Arial, Helvetica, sans-serif"
              fontSize={mark.text.length > 3 ? 8 : 9}
              fontWeight="700"
              fill={mark.fg}
            >
              {mark.text}
            </text>
          ) : (
            <rect x="4" y="12" width="14" height="2" rx="1" fill={mark.fg} />
          )}
        </>
      )}
    </svg>
  );
});
