import {
  type CardFormField,
  type CardFormValues,
  detectCardBrand,
  formatCardNumber,
  formatExpiryInput,
  type NewCardInput,
  parseExpiryInput,
  type SavedCard,
  validateCardForm,
} from '@savedcards/core';
import {
  type FormEvent,
  type InputHTMLAttributes,
  type ReactNode,
  useId,
  useRef,
  useState,
} from 'react';
import { CardBrandMark } from '../CardBrandMark.js';
import { formatExpiry } from '../locales/format.js';
import { useMessages } from '../messages.js';

const EMPTY: CardFormValues = { number: '', expiry: '', cvc: '', holderName: '', nickname: '' };
const FIELDS: CardFormField[] = ['number', 'expiry', 'cvc', 'holderName', 'nickname'];
const AUTOCOMPLETE: Record<CardFormField, string> = {
  number: 'cc-number',
  expiry: 'cc-exp',
  cvc: 'cc-csc',
  holderName: 'cc-name',
  nickname: 'off',
};

export interface CardFormProps {
  /** Called with a valid card; the values live only in this form's state until then. */
  onSubmit: (card: NewCardInput, options: { setAsDefault: boolean }) => void;
  /** Disables the submit button (one request per double click). */
  submitting?: boolean;
  /** Offer "Make this my default card". Default true. */
  offerDefault?: boolean;
  /** Saved cards, to warn before saving the same card again (brand, last four and expiry). */
  savedCards?: readonly SavedCard[];
  /** Rendered after the fields (e.g. a Cancel button). */
  footer?: ReactNode;
}

/**
 * The card form: number (with the brand detected as you type), expiry, CVC, name, optional
 * nickname and "make default", with `autocomplete="cc-*"` and errors tied to each field. To clear
 * it, unmount it or change its `key`.
 * @selector [data-slot="card-form"]
 */
export function CardForm({
  onSubmit,
  submitting = false,
  offerDefault = true,
  savedCards = [],
  footer,
}: CardFormProps) {
  const messages = useMessages();
  const id = useId();
  const [values, setValues] = useState<CardFormValues>(EMPTY);
  const [touched, setTouched] = useState<Partial<Record<CardFormField, boolean>>>({});
  const [setAsDefault, setSetAsDefault] = useState(false);
  const [confirmedDuplicate, setConfirmedDuplicate] = useState<string>();
  const inputs = useRef(new Map<CardFormField, HTMLInputElement>());
  const validation = validateCardForm(values);
  const brand = detectCardBrand(values.number);

  const digits = values.number.replace(/\D/g, '');
  const { month, year } = parseExpiryInput(values.expiry);
  const expiry = formatExpiry({
    expMonth: Number.parseInt(month, 10) || null,
    expYear: year ? 2000 + (Number.parseInt(year, 10) % 100) : null,
  });
  const duplicate = validation.valid
    ? savedCards.find(
        (card) =>
          card.brand === brand && card.last4 === digits.slice(-4) && formatExpiry(card) === expiry,
      )
    : undefined;
  const duplicateKey = duplicate ? `${duplicate.token}:${expiry}` : undefined;
  const warnDuplicate = duplicate !== undefined && confirmedDuplicate === duplicateKey;

  function update(field: CardFormField, raw: string) {
    let value = raw;
    if (field === 'number') {
      value = formatCardNumber(raw);
    } else if (field === 'expiry') {
      value = formatExpiryInput(raw);
    } else if (field === 'cvc') {
      value = raw.replace(/\D/g, '').slice(0, 4);
    }
    setValues((current) => ({ ...current, [field]: value }));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) {
      return;
    }
    setTouched({ number: true, expiry: true, cvc: true, holderName: true, nickname: true });
    const firstInvalid = FIELDS.find((field) => validation.errors[field]);
    if (firstInvalid) {
      inputs.current.get(firstInvalid)?.focus();
      return;
    }
    if (duplicateKey && confirmedDuplicate !== duplicateKey) {
      setConfirmedDuplicate(duplicateKey); // warn once; the next submit saves anyway
      return;
    }
    onSubmit(
      {
        number: digits,
        expMonth: month,
        expYear: year,
        cvc: values.cvc,
        holderName: values.holderName.trim(),
        nickname: values.nickname?.trim() || undefined,
      },
      { setAsDefault },
    );
  }

  const field = (name: CardFormField, extra: InputHTMLAttributes<HTMLInputElement> = {}) => {
    const error = touched[name] ? validation.errors[name] : undefined;
    const inputId = `${id}-${name}`;
    return (
      <div data-slot="card-form-field" data-field={name} data-invalid={error ? '' : undefined}>
        <label htmlFor={inputId}>{messages.fieldLabel(name)}</label>
        {/* Digits read left to right in every language: "4242 4242", not "2424 2424". */}
        <div data-slot="card-form-control" dir={name === 'holderName' ? undefined : 'ltr'}>
          <input
            id={inputId}
            ref={(element) => {
              element ? inputs.current.set(name, element) : inputs.current.delete(name);
            }}
            name={AUTOCOMPLETE[name] === 'off' ? name : AUTOCOMPLETE[name]}
            autoComplete={AUTOCOMPLETE[name]}
            value={values[name] ?? ''}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${inputId}-error` : undefined}
            onChange={(event) => update(name, event.target.value)}
            onBlur={() => setTouched((current) => ({ ...current, [name]: true }))}
            {...extra}
          />
          {name === 'number' ? <CardBrandMark brand={brand} /> : null}
        </div>
        {error ? (
          <p id={`${inputId}-error`} data-slot="card-form-error">
            {messages.fieldError(name, error)}
          </p>
        ) : null}
      </div>
    );
  };

  return (
    <form data-slot="card-form" noValidate onSubmit={submit}>
      {field('number', {
        inputMode: 'numeric',
        placeholder: '1234 1234 1234 1234',
        spellCheck: false,
      })}
      <div data-slot="card-form-row">
        {field('expiry', { inputMode: 'numeric', placeholder: 'MM / YY' })}
        {field('cvc', { inputMode: 'numeric', placeholder: brand === 'amex' ? '1234' : '123' })}
      </div>
      {field('holderName', { spellCheck: false })}
      {field('nickname')}
      {offerDefault ? (
        <div data-slot="card-form-checkbox">
          <input
            id={`${id}-default`}
            type="checkbox"
            checked={setAsDefault}
            onChange={(event) => setSetAsDefault(event.target.checked)}
          />
          <label htmlFor={`${id}-default`}>{messages.saveAsDefault}</label>
        </div>
      ) : null}
      {warnDuplicate && duplicate ? (
        <p role="alert" data-slot="card-form-warning">
          {messages.duplicateWarning(duplicate, expiry ?? '')}
        </p>
      ) : null}
      <div data-slot="card-form-actions">
        {footer}
        <button type="submit" data-slot="button" data-variant="primary" disabled={submitting}>
          {submitting ? messages.saving : warnDuplicate ? messages.saveAnyway : messages.saveCard}
        </button>
      </div>
    </form>
  );
}
