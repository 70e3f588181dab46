import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { FieldCipher } from './field-cipher';

@Global()
@Module({
  providers: [
    { provide: FieldCipher, inject: [APP_CONFIG], useFactory: (c: AppConfig) => new FieldCipher(c.fieldEncryptionKey) },
  ],
  exports: [FieldCipher],
})
export class CryptoModule {}
