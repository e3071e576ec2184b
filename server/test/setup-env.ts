// Every server suite: quiet by default, test mode.
process.env.NODE_ENV = 'test';
