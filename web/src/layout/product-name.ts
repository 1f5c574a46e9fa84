/** The product's name as users know it, in the top bar, on the login page and in the tab title. */
export const PRODUCT_NAME = '武进区重大项目"招推服"服务平台';
