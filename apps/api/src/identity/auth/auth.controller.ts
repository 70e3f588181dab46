import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { LoginResponse, SignupAcceptedResponse, TokenPair } from '@sbd/contracts';
import { Public } from '../../platform/auth/decorators';
import { RateLimit } from '../../platform/throttle/rate-limit.guard';
import { AuthService } from './auth.service';
import { LoginDto } from './dto/login.dto';
import { RefreshDto } from './dto/refresh.dto';
import { SignupDto } from './dto/signup.dto';
import { WechatLoginDto } from './dto/wechat-login.dto';

@ApiTags('auth')
@Public()
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('signup')
  @RateLimit({ SIGNUP_IP: 'ip', SIGNUP_ACCOUNT: 'phone' })
  @HttpCode(202)
  @ApiOperation({
    summary: 'Create an account with phone and password (H5); answers the same for a registered phone, then log in',
  })
  signup(@Body() dto: SignupDto, @Ip() ip: string): Promise<SignupAcceptedResponse> {
    return this.auth.signup(dto, ip);
  }

  @Post('login')
  @RateLimit({ LOGIN_IP: 'ip', LOGIN_ACCOUNT: 'phone' })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Phone + password; 5 failures lock this phone from this IP, 50 an hour from anywhere lock the account',
  })
  @ApiResponse({ status: 423, description: 'Account locked' })
  login(@Body() dto: LoginDto, @Ip() ip: string): Promise<LoginResponse> {
    return this.auth.login(dto.phone, dto.password, ip);
  }

  @Post('wechat')
  @RateLimit({ WECHAT_LOGIN_IP: 'ip' })
  @HttpCode(200)
  @ApiOperation({ summary: 'WeChat mini-program login: wx.login code → jscode2session → account' })
  wechat(@Body() dto: WechatLoginDto): Promise<LoginResponse> {
    return this.auth.wechatLogin(dto.code);
  }

  @Post('refresh')
  @RateLimit({ REFRESH_IP: 'ip', REFRESH_SESSION: 'session' })
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate the refresh token and get a new access token' })
  refresh(@Body() dto: RefreshDto): Promise<TokenPair> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke the refresh token (and its rotation family)' })
  logout(@Body() dto: RefreshDto): Promise<void> {
    return this.auth.logout(dto.refreshToken);
  }
}
