import { describe, expect, it } from 'vitest';
import { makeRng } from '../../../src/engine/random.js';
import { generatePassword, NOVA_PASSWORD_GROUPS } from '../../../src/cloud/passwords.js';
import { NO_PASSWORD_POLICY, passwordProblems } from '../../../src/lifecycle/password-policy.js';

describe('generatePassword (nova.utils.generate_password)', () => {
  const rng = makeRng('passwords-test');
  const all = NOVA_PASSWORD_GROUPS.join('');

  it("draws CONF.password_length (12) characters from Nova's groups, at least one of each", () => {
    for (let i = 0; i < 200; i++) {
      const password = generatePassword(rng, 12, NO_PASSWORD_POLICY);

      expect(password).toHaveLength(12);
      expect([...password].every((ch) => all.includes(ch))).toBe(true);
      for (const group of NOVA_PASSWORD_GROUPS) expect([...password].some((ch) => group.includes(ch))).toBe(true);
    }
  });

  it('never uses the look-alikes Nova leaves out (0, 1, I, O, l)', () => {
    const many = Array.from({ length: 200 }, () => generatePassword(rng, 12, NO_PASSWORD_POLICY)).join('');

    expect(many).not.toMatch(/[01IOl]/);
  });

  it('meets any policy: a longer minimum, and a symbol when one is required', () => {
    const policy = { min_length: 20, require: ['lower', 'upper', 'digit', 'symbol'] as const };

    for (let i = 0; i < 100; i++) {
      const password = generatePassword(rng, 12, policy);
      expect(password).toHaveLength(20);
      expect(passwordProblems(password, policy)).toEqual([]);
    }
  });

  it('is reproducible from the stream seed', () => {
    expect(generatePassword(makeRng('s'), 12, NO_PASSWORD_POLICY)).toBe(generatePassword(makeRng('s'), 12, NO_PASSWORD_POLICY));
  });
});
