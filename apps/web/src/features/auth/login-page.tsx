import {
  FileSearchOutlined,
  LockOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { LoginBody, Me } from '@opendmv/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, type InputRef, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { apiPost, isApiError, setCsrfToken } from '../../app/api/client.ts';
import { applyFieldErrors } from '../../app/api/form-errors.ts';
import { clearSessionExpired, homeFor, ME_KEY, useMe, wasSessionExpired } from '../../app/auth/session.ts';
import { FullPageSpin } from '../../app/components/query-state.tsx';
import { useT } from '../../app/i18n/i18n-provider.tsx';
import { LangSwitch } from '../../app/i18n/lang-switch.tsx';

interface LoginForm {
  username: string;
  password: string;
  totp?: string;
}
interface LoginState {
  from?: string;
  expired?: boolean;
}

const FIELDS = ['username', 'password', 'totp'] as const;

/** Where to go after signing in: back to the page that sent us here if it is in the role's own workspace. */
function destination(me: Me, from: string | undefined): string {
  const home = homeFor(me.role) ?? '/';
  return from && home !== '/' && (from === home || from.startsWith(`${home}/`)) ? from : home;
}

/** One sign-in page for citizens and staff; asks for the TOTP code when the server says it is needed. */
export function LoginPage() {
  const t = useT();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as LoginState;
  const me = useMe();
  const [form] = Form.useForm<LoginForm>();
  const [needTotp, setNeedTotp] = useState(false);
  const [banner, setBanner] = useState<{ type: 'error' | 'info' | 'warning'; text: string } | null>(
    state.expired || wasSessionExpired() ? { type: 'warning', text: t.auth.sessionExpired } : null,
  );
  useEffect(() => clearSessionExpired(), []);
  const totpRef = useRef<InputRef>(null);

  const login = useMutation({
    mutationFn: (body: LoginBody) => apiPost<Me>('/api/v1/auth/login', body),
    onSuccess: (user) => {
      setCsrfToken(user.csrfToken);
      qc.removeQueries();
      qc.setQueryData(ME_KEY, user);
      navigate(destination(user, state.from), { replace: true });
    },
    onError: (error) => {
      if (!isApiError(error)) {
        setBanner({ type: 'error', text: t.common.networkError });
        return;
      }
      switch (error.code) {
        case 'TOTP_REQUIRED':
          setNeedTotp(true);
          setBanner({ type: 'info', text: error.message });
          break;
        case 'TOTP_INVALID':
          setNeedTotp(true);
          setBanner(null);
          form.setFields([{ name: 'totp', errors: [error.message], value: '' }]);
          totpRef.current?.focus();
          break;
        default:
          if (!applyFieldErrors(form, error, FIELDS)) setBanner({ type: 'error', text: error.message });
          else setBanner(null);
          if (error.code === 'INVALID_CREDENTIALS') form.setFieldValue('password', '');
      }
    },
  });

  useEffect(() => {
    if (needTotp) totpRef.current?.focus();
  }, [needTotp]);

  if (me.isPending) return <FullPageSpin />;
  if (me.data && !login.isPending && !login.isSuccess)
    return <Navigate to={destination(me.data, state.from)} replace />;

  const onFinish = (values: LoginForm) => {
    setBanner(null);
    login.mutate({
      username: values.username.trim(),
      password: values.password,
      ...(needTotp && values.totp ? { totp: values.totp } : {}),
    });
  };

  return (
    <div className="odmv-login">
      <header className="odmv-login-top">
        <span className="odmv-brand">
          <img src="/favicon.svg" alt="" />
          {t.common.appName}
        </span>
        <LangSwitch light />
      </header>
      <main className="odmv-login-main">
        <Card className="odmv-login-card" variant="borderless">
          <Typography.Title level={3} style={{ marginBottom: 4 }}>
            {t.auth.title}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t.auth.subtitle}</Typography.Paragraph>
          {banner && (
            <Alert
              type={banner.type}
              title={banner.text}
              showIcon
              style={{ marginBottom: 16 }}
              role="alert"
            />
          )}
          <Form<LoginForm>
            form={form}
            layout="vertical"
            requiredMark={false}
            onFinish={onFinish}
            disabled={login.isPending}
            size="large"
          >
            <Form.Item
              name="username"
              label={t.auth.username}
              rules={[{ required: true, whitespace: true, message: t.auth.required }]}
            >
              <Input
                data-testid="login-username"
                prefix={<UserOutlined aria-hidden />}
                placeholder={t.auth.usernamePlaceholder}
                autoComplete="username"
                autoFocus
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t.auth.password}
              rules={[{ required: true, message: t.auth.required }]}
            >
              <Input.Password
                data-testid="login-password"
                prefix={<LockOutlined aria-hidden />}
                placeholder={t.auth.passwordPlaceholder}
                autoComplete="current-password"
              />
            </Form.Item>
            {needTotp && (
              <Form.Item
                name="totp"
                label={t.auth.totp}
                extra={t.auth.totpHint}
                rules={[
                  { required: true, message: t.auth.totpFormat },
                  { pattern: /^\d{6}$/, message: t.auth.totpFormat },
                ]}
              >
                <Input
                  ref={totpRef}
                  data-testid="login-totp"
                  prefix={<SafetyCertificateOutlined aria-hidden />}
                  placeholder={t.auth.totpPlaceholder}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                />
              </Form.Item>
            )}
            <Button
              data-testid="login-submit"
              type="primary"
              htmlType="submit"
              block
              loading={login.isPending}
            >
              {t.auth.submit}
            </Button>
          </Form>
          <div className="odmv-login-links">
            <Link to="/guide" data-testid="login-guide-link">
              <ReadOutlined aria-hidden /> {t.guide.title}
            </Link>
            <Link to="/progress" data-testid="login-progress-link">
              <FileSearchOutlined aria-hidden /> {t.guide.progress}
            </Link>
          </div>
        </Card>
      </main>
      <footer className="odmv-login-foot">
        {t.common.slogan}
        <br />
        {t.auth.footer}
      </footer>
    </div>
  );
}
