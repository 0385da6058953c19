import { Notification, NotificationSetting } from './notification.entity';

export { Notification, NotificationSetting };
export const NOTIFICATION_ENTITIES = [Notification, NotificationSetting];
