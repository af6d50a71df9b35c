import type { authVi } from './auth.vi';

/** English texts of signing in, the header's user and the access notices. */
export const authEn: typeof authVi = {
  auth: {
    title: 'Sign in',
    subtitle: 'Intelligent operations center',
    username: 'Username',
    password: 'Password',
    showPassword: 'Show password',
    hidePassword: 'Hide password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    required: 'Enter your username and password.',
    wrong: 'Wrong username or password.',
    tooMany: 'Too many attempts. Please wait 15 minutes and try again.',
    failed: 'Could not sign in: {detail}',
    hint: 'Accounts are issued by an administrator. Forgot your password? Ask your administrator.',
    logout: 'Sign out',
    userLabel: 'Signed-in account',
    admin: 'Administration',
    nation: 'Whole country',
    role: {
      viewer: 'Viewer',
      operator: 'Operator',
      admin: 'Administrator',
    },
    revokedTitle: 'This screen code is invalid or has been revoked',
    revokedBody: 'This screen may no longer show figures. Ask an administrator for a new screen code.',
    forbiddenTitle: 'Not allowed',
    forbiddenBody: 'Your account may not open this page ({path}).',
    backHome: 'Back to the overview',
  },
};
