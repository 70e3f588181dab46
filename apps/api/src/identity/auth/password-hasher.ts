import bcrypt from 'bcryptjs';

/** bcrypt with the configured cost; compares against a dummy hash for unknown accounts (same timing). */
export class PasswordHasher {
  private readonly dummy: string;

  constructor(private readonly rounds: number) {
    this.dummy = bcrypt.hashSync('dummy-password-for-timing', rounds);
  }

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.rounds);
  }

  verify(password: string, hash: string | null): Promise<boolean> {
    return bcrypt.compare(password, hash ?? this.dummy).then((ok) => ok && hash !== null);
  }
}
